import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { stateOptions, useWorkflowStates } from '../../components/StateTag';
import type { DirectLineRequest, RequestFilterKey } from './api';
import { useDirectLineMeta, useRequests } from './hooks';
import { RequestThread } from './RequestThread';
import { DETAIL_WIDTH, LastMessage, RequestTags, WORKFLOW } from './shared';

const COLUMNS: TableColumnsType<DirectLineRequest> = [
  { key: 'subject', title: '主题', render: (_, r) => <div style={{ minWidth: 180, maxWidth: 320 }}>{r.subject}</div> },
  { key: 'state', title: '状态', render: (_, r) => <RequestTags request={r} /> },
  { key: 'worker', title: '职工', render: (_, r) => <div style={{ minWidth: 120 }}>{r.workerName}<div className="lx-muted">{r.workerOrgName}</div></div> },
  { key: 'addressee', title: '向谁提出', dataIndex: 'addresseeName' },
  { key: 'last', title: '最新留言', render: (_, r) => <div style={{ minWidth: 200, maxWidth: 360 }}><LastMessage request={r} /></div> },
];

/** 群众诉求: the requests sent to the user (a representative) or within the union's scope (staff, leaders), 待回复 first. */
export function InboxPage() {
  const meta = useDirectLineMeta().data;
  const states = useWorkflowStates(WORKFLOW).data;
  const filters: FilterField<RequestFilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '主题、诉求内容中的文字' },
    { kind: 'select', key: 'state', label: '状态', options: stateOptions(states) },
    { kind: 'select', key: 'category', label: '类别', options: meta?.categories.map((c) => ({ value: c.code, label: c.label })) ?? [] },
  ];
  const list = useListParams(filters);
  const requests = useRequests(list.params);
  const filtered = filters.some((f) => f.kind !== 'dateRange' && list.params[f.key]);

  return (
    <ListPage
      tableId="direct-line"
      title="群众诉求"
      list={list}
      query={requests}
      columns={COLUMNS}
      rowKey={(r) => r.id}
      emptyText={filtered ? '没有符合条件的诉求' : '还没有职工向您或本工会提出诉求；职工可在手机上通过「我的诉求」提出'}
      detail={{
        width: DETAIL_WIDTH,
        title: (r) => <Link to={`/direct-line/${r.id}`}>诉求详情</Link>,
        render: (r) => <RequestThread id={r.id} />,
      }}
    />
  );
}
