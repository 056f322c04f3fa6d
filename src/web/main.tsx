import 'antd/dist/reset.css';
import './styles.css';
// dayjs locale and zone plugins, before any date picker renders.
import './lib/time';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
