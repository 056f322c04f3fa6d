import { PlusOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { stateOptions, useWorkflowStates } from '../../components/StateTag';
import type { CaseFilterKey, MediationCase } from './api';
import { CaseView } from './CaseView';
import { useCases, useMediationMeta, useStudios } from './hooks';
import { NewCaseModal } from './NewCaseForm';
import { yuan } from '../../lib/money';
import { CaseTags, WORKFLOW } from './shared';

const COLUMNS: TableColumnsType<MediationCase> = [
  { key: 'subject', title: '案由', render: (_, r) => <div style={{ minWidth: 180, maxWidth: 300 }}>{r.subject}<div className="lx-muted">{r.enterpriseName}</div></div> },
  { key: 'state', title: '阶段', render: (_, r) => <div style={{ minWidth: 160, maxWidth: 240 }}><CaseTags record={r} /></div> },
  { key: 'workers', title: '职工', dataIndex: 'workerCount', render: (n: number) => `${n} 人` },
  { key: 'amount', title: '诉求金额', render: (_, r) => yuan(r.claimedTotal) },
  { key: 'lead', title: '主办', render: (_, r) => r.leadName ?? '待认领' },
  { key: 'received', title: '受理日期', dataIndex: 'receivedOn' },
  { key: 'studio', title: '工作室', dataIndex: 'studioName' },
];

const STANDINGS = [
  { value: 'overdue', label: '已逾期' },
  { value: 'at_risk', label: '即将到期' },
  { value: 'on_track', label: '正常' },
];
const SORTS = [
  { value: 'updated', label: '最近办理' },
  { value: 'due', label: '期限最近' },
  { value: 'received', label: '受理日期' },
];

/** 调解案件: the cases of the studios the user sees (a mediator: those of their own studio's team). */
export function CasesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const meta = useMediationMeta().data;
  const states = useWorkflowStates(WORKFLOW).data;
  const studios = useStudios().data ?? [];
  const [creating, setCreating] = useState(false);
  const canOpen = studios.some((s) => s.active && (s.canManage || s.myRole !== null));
  const filters: FilterField<CaseFilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '案由、用人单位、职工姓名、法院案号' },
    { kind: 'select', key: 'state', label: '阶段', options: stateOptions(states), width: 180 },
    { kind: 'select', key: 'source', label: '来源', options: meta?.sources.map((s) => ({ value: s.code, label: s.label })) ?? [], width: 180 },
    { kind: 'select', key: 'standing', label: '期限', options: STANDINGS },
    { kind: 'select', key: 'sort', label: '排序', options: SORTS, defaultValue: 'updated' },
  ];
  const list = useListParams(filters);
  const cases = useCases(list.params);
  const filtered = filters.some((f) => f.kind !== 'dateRange' && f.key !== 'sort' && list.params[f.key]);

  return (
    <>
      <ListPage
        tableId="mediation-cases"
        title="调解案件"
        list={list}
        query={cases}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        extra={
          canOpen && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-new">
              受理案件
            </Button>
          )
        }
        emptyText={filtered ? '没有符合条件的案件' : can('mediation.manage') || canOpen ? '还没有案件，点击「受理案件」登记来访、投诉或法院委派的纠纷' : '您所在范围内还没有调解案件'}
        detail={{ width: 720, title: (r) => <Link to={`/mediation/cases/${r.id}`}>案件详情</Link>, render: (r) => <CaseView id={r.id} /> }}
      />
      <NewCaseModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/mediation/cases/${id}`)} />
    </>
  );
}
