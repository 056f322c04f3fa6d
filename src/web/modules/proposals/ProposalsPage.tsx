import { PlusOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { stateOptions, useWorkflowStates } from '../../components/StateTag';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import type { ProposalFilterKey } from './api';
import { useCongressSessions, useProposal, useProposals, useProposalsMeta } from './hooks';
import { ProposalDetail } from './ProposalDetail';
import { NewProposalModal } from './ProposalForm';
import { deadlineOptions, DETAIL_WIDTH, PROPOSAL_PHONE_COLUMNS, proposalColumns, proposalTitle, WORKFLOW } from './shared';

type FilterKey = ProposalFilterKey | 'mine';

const COLUMNS = proposalColumns();

/** 提案管理: every proposal of the user's scope (or only their own), opened in a drawer; representatives draft new ones here. */
export function ProposalsPage() {
  const { can } = useAuth();
  const meta = useProposalsMeta().data;
  const states = useWorkflowStates(WORKFLOW).data;
  const sessions = useCongressSessions().data ?? [];
  const [urlParams, update] = useUrlParams();
  const filters: FilterField<FilterKey>[] = [
    { kind: 'text', key: 'q', label: '关键词', placeholder: '标题、案由、建议中的文字' },
    { kind: 'select', key: 'state', label: '状态', options: stateOptions(states) },
    { kind: 'select', key: 'field', label: '类别', options: meta?.fields.map((f) => ({ value: f.code, label: f.label })) ?? [] },
    { kind: 'select', key: 'deadline', label: '办理期限', options: deadlineOptions(meta) },
    // The motions of one workers' congress, where the congress page's counts lead.
    ...(sessions.length > 0 || urlParams.has('congressSessionId') ? [{ kind: 'select' as const, key: 'congressSessionId' as const, label: '职代会', width: 300, options: sessions.map((s) => ({ value: String(s.id), label: s.name })) }] : []),
    { kind: 'checkbox', key: 'mine', label: '我提交或附议的' },
  ];
  const list = useListParams(filters);
  const { mine, ...params } = list.params;
  const proposals = useProposals({ ...params, view: mine === 'true' ? 'mine' : 'all' });
  const filtered = filters.some((f) => f.kind !== 'dateRange' && list.params[f.key]);

  const [creating, setCreating] = useState(false);
  // A proposal opened by id (one just drafted), wherever the list's page is.
  const openedId = intParam(urlParams, 'proposal');
  const opened = useProposal(openedId).data;

  return (
    <>
      <ListPage
        tableId="proposals"
        phoneColumns={PROPOSAL_PHONE_COLUMNS}
        title="提案管理"
        list={list}
        query={proposals}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        emptyText={filtered ? '没有符合条件的提案' : can('proposals.submit') ? '还没有提案，点击「新建提案」提出您的第一件提案' : '还没有提案，代表可点击「新建提案」提出'}
        extra={
          can('proposals.submit') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="proposal-new">
              新建提案
            </Button>
          )
        }
        detail={{ width: DETAIL_WIDTH, title: proposalTitle, render: (p) => <ProposalDetail id={p.id} /> }}
      />
      <Drawer open={openedId !== null} size={DETAIL_WIDTH} title={opened && proposalTitle(opened)} onClose={() => update({ proposal: null })} destroyOnHidden>
        {openedId !== null && <ProposalDetail id={openedId} />}
      </Drawer>
      {can('proposals.submit') && <NewProposalModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => update({ proposal: id })} />}
    </>
  );
}
