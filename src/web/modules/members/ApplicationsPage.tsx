import { useMemo } from 'react';
import { Descriptions, Flex, type TableColumnsType } from 'antd';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import type { JoinApplication } from './api';
import { useApplications, useBulkAct } from './hooks';
import { BulkActions } from '../../components/BulkActions';
import { stopRowClick } from './shared';
import { MemberActions } from './WorkflowActions';
import { StateTag, stateOptions, useWorkflowStates, type WorkflowStates } from '../../components/StateTag';
import { PageLoading } from '../../components/PageLoading';

const ALL = 'all';

/** The state filter: the workflow's states, the one waiting for staff by default, and 全部. */
const filters = (states: WorkflowStates): FilterField<'state'>[] => [
  {
    kind: 'select',
    key: 'state',
    label: '状态',
    defaultValue: states.states.find((s) => s.needsAttention)?.state ?? ALL,
    options: [...stateOptions(states), { value: ALL, label: '全部' }],
  },
];

const employment = (a: JoinApplication) => [a.employmentFormLabel, a.platformName, a.employerName].filter(Boolean).join(' · ');

const COLUMNS: TableColumnsType<JoinApplication> = [
  { key: 'name', title: '姓名', dataIndex: 'name', fixed: 'left' },
  { key: 'idMasked', title: '身份证号', dataIndex: 'idMasked' },
  { key: 'phone', title: '手机号', dataIndex: 'phone' },
  { key: 'orgName', title: '申请加入', dataIndex: 'orgName' },
  { key: 'employment', title: '就业形态', render: (_, a) => employment(a) },
  { key: 'createdAt', title: '提交时间', dataIndex: 'createdAt', render: formatDateTime },
  { key: 'state', title: '状态', render: (_, a) => <StateTag workflow="join_application" state={a.state} label={a.stateLabel} /> },
  {
    key: 'actions',
    title: '审核',
    // Always in view, beside 详情, however wide the table scrolls.
    fixed: 'right',
    render: (_, a) => (
      <span onClick={stopRowClick}>
        <MemberActions target="application" id={a.id} actions={a.allowedActions} subject={a.name} size="small" />
      </span>
    ),
  },
];

function ApplicationDetail({ application: a, onDone }: { application: JoinApplication; onDone: () => void }) {
  return (
    <Flex vertical gap={16} data-testid="application-detail">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'state', label: '状态', children: <StateTag workflow="join_application" state={a.state} label={a.stateLabel} /> },
          { key: 'name', label: '姓名', children: a.name },
          { key: 'id', label: '身份证号', children: a.idMasked },
          { key: 'phone', label: '手机号', children: a.phone },
          { key: 'org', label: '申请加入', children: a.orgName },
          { key: 'form', label: '就业形态', children: a.employmentFormLabel },
          ...(a.employerName ? [{ key: 'employer', label: '工作单位', children: a.employerName }] : []),
          ...(a.platformName ? [{ key: 'platform', label: '所在平台', children: a.platformName }] : []),
          { key: 'createdAt', label: '提交时间', children: formatDateTime(a.createdAt) },
          ...(a.decisionReason ? [{ key: 'reason', label: a.state === 'rejected' ? '未通过原因' : '说明', children: <span data-testid="application-reason">{a.decisionReason}</span> }] : []),
        ]}
      />
      <MemberActions target="application" id={a.id} actions={a.allowedActions} subject={a.name} onDone={onDone} />
    </Flex>
  );
}

/** 入会审核: applications from the join page, waiting ones first; approve or reject as the server allows. */
export function ApplicationsPage() {
  const states = useWorkflowStates('join_application').data;
  // The filter's default is the workflow's waiting state: the list waits for it rather than flicker.
  return states ? <ApplicationList states={states} /> : <PageLoading />;
}

function ApplicationList({ states }: { states: WorkflowStates }) {
  const list = useListParams(useMemo(() => filters(states), [states]));
  const { state, ...rest } = list.params;
  const applications = useApplications({ ...rest, state: state === ALL ? undefined : state });
  const bulk = useBulkAct('application');

  return (
    <ListPage
      title="入会审核"
      list={list}
      query={applications}
      columns={COLUMNS}
      rowKey={(a) => a.id}
      emptyText="没有符合条件的入会申请"
      emptyHint="暂无待审核的入会申请。职工扫描入会二维码（组织管理中打印）即可在手机上申请，申请会出现在这里。"
      tableId="join-applications"
      phoneColumns={['name', 'orgName', 'state']}
      selection={{
        actions: (rows, report) => <BulkActions rows={rows} idOf={(a) => a.id} labelOf={(a) => a.name} actionsOf={(a) => a.allowedActions} run={bulk.mutateAsync} report={report} />,
      }}
      detail={{
        title: (a) => `入会申请：${a.name}`,
        render: (a, close) => <ApplicationDetail application={a} onDone={close} />,
      }}
    />
  );
}
