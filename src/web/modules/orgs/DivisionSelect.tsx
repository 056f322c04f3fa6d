import { LazyTreeSelect } from '../../components/LazyTreeSelect';
import type { NodeInfo } from '../../components/useLazyTree';
import type { Division } from './api';
import { divisionQueries } from './hooks';

interface DivisionSelectProps {
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** Full name of the current code, which the org detail already carries. */
  valueLabel?: string;
  id?: string;
}

/** Counties are the last level an org is registered at. */
const COUNTY_LEVEL = 3;

const describe = (d: Division): NodeInfo<string> => ({
  key: d.code,
  title: d.name,
  label: d.fullName,
  isLeaf: d.level >= COUNTY_LEVEL,
});

const describeMatch = (d: Division): NodeInfo<string> => ({ ...describe(d), title: d.fullName });

/** GB/T 2260 codes carry their ancestors: a county's province and prefecture are its first two and four digits. */
const locate = async (code: string) => ({
  path: [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`])].filter((c) => c !== code),
});

/** GB/T 2260 administrative division: drill down province → city → county, or type a name. */
export function DivisionSelect(props: DivisionSelectProps) {
  return (
    <LazyTreeSelect<Division, string>
      {...props}
      allowClear
      placeholder="选择或搜索行政区划"
      childrenQuery={divisionQueries.children}
      matchesQuery={divisionQueries.matches}
      describe={describe}
      describeMatch={describeMatch}
      locate={locate}
    />
  );
}
