import { Alert, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
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
  { key: 'lastDues', title: '最后缴费月份', render: (_, m) => (m.lastDuesOn ? m.lastDuesOn.slice(0, 7) : '从未缴纳') },
  { key: 'lastActivity', title: '最近参加活动', render: (_, m) => m.lastActivityOn ?? '未参加' },
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
        description={`${member.name}${member.lastDuesOn ? `最后缴费月份为 ${member.lastDuesOn.slice(0, 7)}` : '从未缴纳会费'}，${member.lastActivityOn ? `最近一次参加活动在 ${member.lastActivityOn}` : '未参加过工会活动'}。确认后会籍终止，不能恢复。`}
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
 * 视为自动退会候选: members whose dues records cover six months with neither dues
 * nor activity in them, with that evidence; beside them, how many members have no
 * dues data at all (never candidates). Nothing happens by itself: staff confirm
 * each one (the server checks the rule again).
 */
export function DeemedWithdrawalPage() {
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const candidates = useDeemedCandidates(list.params);
  const cutoff = candidates.data?.cutoff;
  const noDuesData = candidates.data?.noDuesData ?? 0;

  const columns: TableColumnsType<DeemedCandidate> = can('members.manage')
    ? [...COLUMNS, { key: 'confirm', title: '确认', fixed: 'right' as const, render: (_, m) => <ConfirmDeemed member={m} /> }]
    : COLUMNS;

  return (
    <ListPage
      tableId="deemed-withdrawal"
      phoneColumns={['name', 'orgName', 'lastDues', 'lastActivity', 'confirm']}
      title="视为自动退会候选"
      list={list}
      query={candidates}
      columns={columns}
      rowKey={(m) => `${m.tenantId}-${m.id}`}
      emptyText="所选组织没有符合条件的会员，可调整或重置筛选条件"
      emptyHint={
        <span data-testid="deemed-empty-hint">
          目前没有会员连续六个月既未缴纳会费也未参加活动，无需核实。名单依据会费和组织生活的记录：请按月导入工资表或登记会费、及时记录组织生活，名单才准确。
        </span>
      }
      header={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="依照《中国工会章程》，会员连续六个月未缴纳会费且未参加工会活动的，视为自动退会。"
            description={`以下会员的会费记录覆盖近六个月，${cutoff ? `自 ${cutoff} 以来` : '近六个月'}既未缴纳会费，也未参加工会活动（依据「会费」和「组织生活」的记录）。名单只作提示，不会自动退会：请逐一核实（如是否长期病假、外派等情况）后再确认。`}
          />
          {noDuesData > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="no-dues-data"
              title={`另有 ${noDuesData.toLocaleString('zh-CN')}${candidates.data?.noDuesDataCapped ? '+' : ''} 名在册会员没有任何会费记录，无法判断，不列入名单`}
              description={
                <>
                  请在 <Link to="/dues">会费</Link> 中导入工资表或登记会费，补齐数据后再核查。
                </>
              }
            />
          )}
        </>
      }
      detail={{
        width: 640,
        title: (m) => `${m.name}（${m.cardNo}）`,
        render: (m) => <MemberDetail id={m.id} />,
      }}
    />
  );
}
