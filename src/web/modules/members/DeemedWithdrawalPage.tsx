import { Alert, type TableColumnsType } from 'antd';
import { useAuth } from '../../app/auth';
import { ConfirmButton } from '../../components/ConfirmButton';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import type { DeemedCandidate } from './api';
import { useAct, useDeemedCandidates } from './hooks';
import { MemberDetail } from './MemberDetail';
import { stopRowClick } from './shared';
import { StateTag } from '../../components/StateTag';

const FILTERS: FilterField<'orgId'>[] = [{ kind: 'org', key: 'orgId', label: '组织' }];

const COLUMNS: TableColumnsType<DeemedCandidate> = [
  { key: 'name', title: '姓名', dataIndex: 'name', fixed: 'left' },
  { key: 'idMasked', title: '身份证号', dataIndex: 'idMasked' },
  { key: 'cardNo', title: '会员证号', dataIndex: 'cardNo' },
  { key: 'orgName', title: '所在工会', dataIndex: 'orgName' },
  { key: 'status', title: '会籍状态', render: (_, m) => <StateTag workflow="membership" state={m.status} label={m.statusLabel} /> },
  { key: 'joinedOn', title: '入会日期', dataIndex: 'joinedOn' },
  { key: 'lastSignOfLife', title: '最近缴费、活动或入会', dataIndex: 'lastSignOfLife' },
];

function ConfirmDeemed({ member }: { member: DeemedCandidate }) {
  const act = useAct('member');
  return (
    <span onClick={stopRowClick}>
      <ConfirmButton
        size="small"
        danger
        data-testid="deemed-confirm"
        title={`确认「${member.name}」视为自动退会？`}
        description={`${member.name}自 ${member.lastSignOfLife} 起未缴纳会费、未参加工会活动。确认后会籍终止，不能恢复。`}
        okText="确认视为自动退会"
        successMessage={`已确认${member.name}视为自动退会`}
        onConfirm={() => act.mutateAsync({ id: member.id, action: 'confirm_deemed_withdrawal' })}
      >
        确认
      </ConfirmButton>
    </span>
  );
}

/**
 * 视为自动退会候选: members with six months of neither dues nor activity. Nothing
 * happens by itself: staff confirm each one (the server checks the rule again).
 */
export function DeemedWithdrawalPage() {
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const candidates = useDeemedCandidates(list.params);
  const cutoff = candidates.data?.cutoff;

  const columns: TableColumnsType<DeemedCandidate> = can('members.manage')
    ? [...COLUMNS, { key: 'confirm', title: '确认', fixed: 'right' as const, render: (_, m) => <ConfirmDeemed member={m} /> }]
    : COLUMNS;

  return (
    <ListPage
      title="视为自动退会候选"
      list={list}
      query={candidates}
      columns={columns}
      rowKey={(m) => `${m.tenantId}-${m.id}`}
      emptyText="没有符合条件的会员"
      header={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="依照《中国工会章程》，会员连续六个月未缴纳会费且未参加工会活动的，视为自动退会。"
          description={`以下会员${cutoff ? `自 ${cutoff} 以来` : '近六个月'}既未缴纳会费，也未参加工会活动。名单只作提示，不会自动退会：请逐一核实（如是否长期病假、外派等情况）后再确认。`}
        />
      }
      detail={{
        width: 640,
        title: (m) => `${m.name}（${m.cardNo}）`,
        render: (m) => <MemberDetail id={m.id} />,
      }}
    />
  );
}
