import { Col, Form, Row, Statistic, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useMe } from '../../app/auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { count, pct } from '../../lib/numbers';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import type { Figures, MeasureKey, Measures, Rates } from './api';

/** Roles that carry reports.read on the server (platform/accounts/roles.ts). */
const REPORT_ROLES = ['union_staff', 'leader', 'admin', 'supervisor'];

export const MEASURES: { key: MeasureKey; label: string; unit: string }[] = [
  { key: 'newUnions', label: '新建工会', unit: '家' },
  { key: 'newMembers', label: '新发展会员', unit: '人' },
  { key: 'newFormMembers', label: '新就业形态会员', unit: '人' },
];

/**
 * The org a report is about, kept in the URL (`?orgId=`); by default the org
 * where the user holds a report role (a county's staff see their county).
 */
export function useReportOrg() {
  const me = useMe();
  const [params, update] = useUrlParams();
  const fallback = me.grants.find((g) => REPORT_ROLES.includes(g.role))?.orgId ?? me.homeOrgId;
  const orgId = intParam(params, 'orgId') ?? fallback;
  return { orgId, params, update, setOrgId: (id: number | null) => update({ orgId: id ?? null, id: null, page: null }) };
}

export function OrgField({ orgId, onChange }: { orgId: number | null; onChange: (id: number | null) => void }) {
  return (
    // Narrower than its 260 px on a phone, rather than past the screen's edge.
    <Form.Item label="组织" style={{ marginBottom: 0, maxWidth: '100%' }}>
      <OrgTreeSelect value={orgId} onChange={onChange} style={{ width: 260, maxWidth: '100%' }} data-testid="report-org" />
    </Form.Item>
  );
}

export { pct };

/** A completion rate, green once the target is reached. */
export function RateText({ rate }: { rate: number | null | undefined }) {
  if (rate === null || rate === undefined) return <span className="lx-muted">—</span>;
  return <span className={rate >= 1 ? 'lx-rate-done' : rate < 0.3 ? 'lx-rate-low' : undefined}>{pct(rate)}</span>;
}

/** The year to date of each measure against its target: the home page's card and a town's own target. */
export function ProgressStats({ ytd, target, rates }: { ytd: Measures; target: Measures | null; rates: Rates }) {
  return (
    <Row gutter={[16, 16]}>
      {MEASURES.map((m) => (
        <Col key={m.key} xs={24} sm={8}>
          <Statistic title={m.label} value={ytd[m.key]} suffix={<span className="lx-muted">{m.unit}</span>} data-testid={`year-progress-${m.key}`} />
          <div className="lx-muted">
            目标 {target ? count(target[m.key]) : '—'} · 完成 <RateText rate={rates[m.key]} />
          </div>
        </Col>
      ))}
    </Row>
  );
}

export const ofTarget = (achieved: number, target: Measures | null, key: MeasureKey) => (
  <span>
    {count(achieved)}
    <span className="lx-muted"> / {target && target[key] > 0 ? count(target[key]) : '—'}</span>
  </span>
);

/** A row of a report table: a district, or the 直属单位 / 合计 lines below them. */
export interface ReportLine {
  key: string;
  name: ReactNode;
  kind: 'district' | 'direct' | 'total';
}

/** Three columns of counts (新建工会, 新发展会员, 新就业形态会员) under one group title. */
export function countColumns<T extends ReportLine>(title: string, key: string, get: (row: T) => Figures | undefined): TableColumnsType<T>[number] {
  return {
    key,
    title,
    children: MEASURES.map((m) => ({
      key: `${key}.${m.key}`,
      title: `${m.label}（${m.unit}）`,
      align: 'right' as const,
      render: (_: unknown, row: T) => {
        const f = get(row);
        if (!f) return '—';
        if (m.key !== 'newMembers') return count(f[m.key]);
        // The employment forms behind the number, on hover.
        const forms = Object.entries(f.byForm).filter(([, n]) => n > 0);
        return forms.length ? <Tooltip title={forms.map(([form, n]) => `${FORM_LABELS[form] ?? form} ${n}`).join('，')}>{count(f.newMembers)}</Tooltip> : count(f.newMembers);
      },
    })),
  };
}

/** 累计 / 目标 and the completion rate per measure. */
export function progressColumns<T extends ReportLine>(get: (row: T) => { ytd: Figures; target: Measures | null; rates: Rates } | undefined): TableColumnsType<T> {
  return [
    {
      key: 'ytd',
      title: '全年累计 / 目标任务',
      children: MEASURES.map((m) => ({
        key: `ytd.${m.key}`,
        title: m.label,
        align: 'right' as const,
        render: (_: unknown, row: T) => {
          const p = get(row);
          return p ? ofTarget(p.ytd[m.key], p.target, m.key) : '—';
        },
      })),
    },
    {
      key: 'rates',
      title: '目标完成率',
      children: MEASURES.map((m) => ({
        key: `rate.${m.key}`,
        title: m.label,
        align: 'right' as const,
        render: (_: unknown, row: T) => <RateText rate={get(row)?.rates[m.key]} />,
      })),
    },
  ];
}

export const FORM_LABELS: Record<string, string> = {
  standard: '标准劳动关系',
  flexible: '灵活就业',
  truck_driver: '货车司机',
  ride_hailing_driver: '网约车司机',
  courier: '快递员',
  delivery_rider: '外卖配送员',
};

export const rowClassName = (row: ReportLine) => (row.kind === 'total' ? 'lx-report-total' : row.kind === 'direct' ? 'lx-report-direct' : '');

export function RankTag({ rank, last, flagged }: { rank: number | null; last: boolean; flagged?: boolean }) {
  if (rank === null) return <Tooltip title="未下达目标任务，不参加排名">—</Tooltip>;
  if (flagged) return <Tag color="red">{rank} 连续两次末位</Tag>;
  if (last) return <Tag color="orange">{rank} 末位</Tag>;
  return <span>{rank}</span>;
}

/** Under the figures of an org that ranks no districts (a town): the rows are its units, the total its own. */
export function OwnFiguresNote() {
  return <>下列各行为直属单位，不参加排名；合计即本单位的数字，对照上级工会下达的年度目标任务。</>;
}

export { DownloadButton } from '../../components/DownloadButton';
