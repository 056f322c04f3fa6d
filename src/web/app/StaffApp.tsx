import 'antd/dist/reset.css';
// dayjs locale and zone plugins, before any date picker renders.
import '../lib/time';
import { App } from './App';

/** The staff console entry: antd's reset and the date setup load only with it. */
export function StaffApp() {
  return <App />;
}
