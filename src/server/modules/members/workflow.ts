import { z } from 'zod';
import { calendarDay } from '../../http/schemas.js';
import { defineWorkflow, type WorkflowRecord } from '../../platform/workflow/engine.js';
import { type JoinApplicationState, MEMBERSHIP_SOURCES, type MembershipSource, type MembershipStatus } from './schema.js';

const STAFF = ['union_staff', 'admin'] as const;
const reason = z.object({ reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500) });

export interface JoinRecord extends WorkflowRecord<JoinApplicationState> {
  trackingCode: string;
}

/**
 * A pending application whose applicant became a member by another path (窗口登记, 花名册导入, another
 * application approved, 会员接转) is closed by the system in the same transaction. The transition's input
 * names that membership; it is the closing timeline entry's payload, and the roster import's set-based
 * commit writes the same shape.
 */
export const JOINED_ELSEWHERE = { action: 'close_joined_elsewhere', reason: '已通过其他途径入会' } as const;
const sources = Object.keys(MEMBERSHIP_SOURCES) as [MembershipSource, ...MembershipSource[]];
export const joinedElsewhere = z.object({
  reason: z.literal(JOINED_ELSEWHERE.reason),
  source: z.enum(sources),
  orgId: z.number().int(),
  tenantId: z.number().int(),
  membershipId: z.number().int(),
});
export type JoinedElsewhere = z.infer<typeof joinedElsewhere>;

/** 一键入会: the union approves or rejects; the applicant may cancel while pending; joining by another path closes it. */
export const joinWorkflow = defineWorkflow<JoinRecord['state'], JoinRecord>({
  id: 'join_application',
  label: '入会申请',
  states: {
    pending: { label: '待审核' },
    approved: { label: '已批准', terminal: true },
    rejected: { label: '未通过', terminal: true },
    cancelled: { label: '已撤回', terminal: true },
    closed: { label: JOINED_ELSEWHERE.reason, terminal: true },
  },
  transitions: [
    { action: 'approve', label: '批准入会', from: ['pending'], to: 'approved', roles: STAFF },
    { action: 'reject', label: '不予批准', from: ['pending'], to: 'rejected', roles: STAFF, input: reason },
    { action: 'cancel', label: '撤回申请', from: ['pending'], to: 'cancelled', relations: ['applicant'] },
    { action: JOINED_ELSEWHERE.action, label: '关闭申请（已通过其他途径入会）', from: ['pending'], to: 'closed', system: true, input: joinedElsewhere },
  ],
  relationsOf: (actor, record) => (actor.trackingCode && actor.trackingCode === record.trackingCode ? ['applicant'] : []),
});

export interface MembershipRecord extends WorkflowRecord<MembershipStatus> {
  lastDuesOn: string | null;
  lastActivityOn: string | null;
  joinedOn: string;
}

/** The date six months before `today`: a member inactive since then may be deemed withdrawn. */
export const sixMonthsBefore = (today: string) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 6);
  return d.toISOString().slice(0, 10);
};

/** Latest sign of life: dues paid, taking part, or joining. */
export const lastSignOfLife = (m: Pick<MembershipRecord, 'lastDuesOn' | 'lastActivityOn' | 'joinedOn'>) =>
  [m.lastDuesOn, m.lastActivityOn, m.joinedOn].filter((d): d is string => Boolean(d)).sort().at(-1)!;

export function membershipWorkflow(today: () => string) {
  return defineWorkflow<MembershipStatus, MembershipRecord>({
    id: 'membership',
    label: '会籍',
    states: {
      active: { label: '正常' },
      retained: { label: '保留会籍' },
      withdrawn: { label: '退会', terminal: true },
      deemed_withdrawn: { label: '视为自动退会', terminal: true },
      expelled: { label: '开除会籍', terminal: true },
      transferred: { label: '已转出', terminal: true },
    },
    transitions: [
      {
        action: 'retain',
        label: '保留会籍',
        from: ['active'],
        to: 'retained',
        roles: STAFF,
        input: z.object({ cause: z.enum(['retired', 'laid_off', 'other']), note: z.string().trim().max(500).optional() }),
      },
      { action: 'restore', label: '恢复正常会籍', from: ['retained'], to: 'active', roles: STAFF },
      {
        action: 'withdraw',
        label: '本人申请退会',
        from: ['active', 'retained'],
        to: 'withdrawn',
        roles: STAFF,
        input: z.object({ requestedOn: calendarDay, note: z.string().trim().max(500).optional() }),
      },
      {
        action: 'confirm_deemed_withdrawal',
        label: '确认视为自动退会',
        from: ['active'],
        to: 'deemed_withdrawn',
        roles: STAFF,
        // The constitution: six months without paying dues and without taking part. Staff confirm; never automatic.
        guard: ({ record }) => (lastSignOfLife(record) > sixMonthsBefore(today()) ? '该会员近六个月内缴纳过会费或参加过活动，不符合视为自动退会的条件' : null),
      },
      {
        action: 'expel',
        label: '开除会籍',
        from: ['active', 'retained'],
        to: 'expelled',
        roles: STAFF,
        input: z.object({
          decisionNo: z.string().trim().min(2, '请填写决定文号').max(100),
          decidedOn: calendarDay,
          reason: z.string().trim().min(2, '请填写原因').max(1000),
        }),
      },
      { action: 'transfer_out', label: '转出', from: ['active', 'retained'], to: 'transferred', system: true },
    ],
  });
}

export interface TransferRecord extends WorkflowRecord<'requested' | 'source_confirmed' | 'completed' | 'refused' | 'cancelled'> {
  fromOrgPath: string;
  toOrgPath: string;
  trackingCode: string;
  requestedBy: 'member' | 'source' | 'target';
}

/** 动态接转: the source union confirms, the target union accepts; either may refuse with a reason. */
export const transferWorkflow = defineWorkflow<TransferRecord['state'], TransferRecord>({
  id: 'transfer',
  label: '会员接转',
  states: {
    requested: { label: '待转出单位确认' },
    source_confirmed: { label: '待转入单位接收' },
    completed: { label: '已完成', terminal: true },
    refused: { label: '未通过', terminal: true },
    cancelled: { label: '已撤回', terminal: true },
  },
  transitions: [
    { action: 'confirm', label: '同意转出', from: ['requested'], to: 'source_confirmed', roles: STAFF, at: (r) => r.fromOrgPath },
    { action: 'refuse_out', label: '不同意转出', from: ['requested'], to: 'refused', roles: STAFF, at: (r) => r.fromOrgPath, input: reason },
    { action: 'accept', label: '接收转入', from: ['source_confirmed'], to: 'completed', roles: STAFF, at: (r) => r.toOrgPath },
    { action: 'refuse_in', label: '不予接收', from: ['source_confirmed'], to: 'refused', roles: STAFF, at: (r) => r.toOrgPath, input: reason },
    {
      action: 'cancel',
      label: '撤回接转申请',
      from: ['requested'],
      to: 'cancelled',
      relations: ['requester'],
    },
  ],
  relationsOf: (actor, record) => {
    if (actor.trackingCode && actor.trackingCode === record.trackingCode && record.requestedBy === 'member') return ['requester'];
    const side = record.requestedBy === 'source' ? record.fromOrgPath : record.requestedBy === 'target' ? record.toOrgPath : null;
    const staffAt = (path: string) => actor.grants.some((g) => STAFF.includes(g.role as (typeof STAFF)[number]) && (path === g.orgPath || path.startsWith(`${g.orgPath}.`)));
    return side && staffAt(side) ? ['requester'] : [];
  },
});
