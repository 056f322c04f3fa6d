import { Typography } from 'antd';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { stateOptions, useWorkflowStates } from '../../components/StateTag';
import type { ProposalFilterKey } from './api';
import { useProposals, useProposalsMeta } from './hooks';
import { ProposalDetail } from './ProposalDetail';
import { deadlineOptions, DETAIL_WIDTH, PROPOSAL_PHONE_COLUMNS, proposalColumns, proposalTitle, WORKFLOW } from './shared';

const COLUMNS = proposalColumns({ forHandler: true });

/** 待我办理: for a handler unit's accounts, the proposals given to their unit; start, report progress and answer in the drawer. */
export function AssignedPage() {
  const meta = useProposalsMeta().data;
  const states = useWorkflowStates(WORKFLOW).data;
  const filters: FilterField<ProposalFilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '标题、案由、建议中的文字' },
    { kind: 'select', key: 'state', label: '状态', options: stateOptions(states) },
    { kind: 'select', key: 'deadline', label: '办理期限', options: deadlineOptions(meta) },
  ];
  const list = useListParams(filters);
  const proposals = useProposals({ ...list.params, view: 'handling' });

  return (
    <ListPage
      tableId="proposals-assigned"
      phoneColumns={PROPOSAL_PHONE_COLUMNS}
      title="待我办理"
      list={list}
      query={proposals}
      columns={COLUMNS}
      rowKey={(p) => p.id}
      header={
        <Typography.Paragraph type="secondary">
          工会交办给本单位的提案。收到后点击「开始办理」，办理中随时「报送办理进展」，办结后「答复」；办理期限自交办起计算，即将到期和已逾期的会标出。
        </Typography.Paragraph>
      }
      emptyText={list.params.q || list.params.state || list.params.deadline ? '没有符合条件的提案' : '目前没有交办给本单位的提案，工会交办后会在这里出现并通知您'}
      detail={{ width: DETAIL_WIDTH, title: proposalTitle, render: (p) => <ProposalDetail id={p.id} /> }}
    />
  );
}
