import { z } from 'zod';
import { pastOrToday } from '../../http/schemas.js';
import type { Actor } from '../../platform/actor.js';
import { canAt } from '../../platform/scope.js';
import { defineWorkflow, type Effect, type StateDefinition, statesWith, type WorkflowRecord } from '../../platform/workflow/engine.js';
import {
  EMPLOYMENT_FORMS,
  type EmploymentForm,
  type JoinApplicationState,
  joinApplications,
  MEMBERSHIP_SOURCES,
  MEMBERSHIP_STATUSES,
  type MembershipSource,
  type MembershipStatus,
  memberships,
  transfers,
} from './schema.js';

/**
 * The three workflows of the registry, as data: states with their flags,
 * transitions with the permission that fires them and the effect that
 * follows. The effects' implementations are the service's (they open and
 * close memberships); each workflow is made with them, so a reader finds what
 * approving an application does in the transition that says so.
 */

const MANAGE = 'members.manage' as const;
const reason = z.object({ reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500).meta({ title: '原因' }) });
const note = z.string().trim().max(500).optional().meta({ title: '备注' });

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

/** The join workflow's id, as the timeline and the audit log name it (the roster import writes its closings in SQL). */
export const JOIN_WORKFLOW_ID = 'join_application';

export const JOIN_STATES = {
  pending: { label: '待审核', open: true, needsAttention: true },
  approved: { label: '已批准', terminal: true, tone: 'good' },
  rejected: { label: '未通过', terminal: true, tone: 'refused' },
  cancelled: { label: '已撤回', terminal: true },
  closed: { label: JOINED_ELSEWHERE.reason, terminal: true, tone: 'good' },
} as const satisfies Record<JoinApplicationState, StateDefinition>;

export interface JoinEffects {
  /** 批准入会: the applicant becomes a member of the union applied to. */
  openMembership: Effect<JoinApplicationState, JoinRecord>;
  /** The reason of a refusal, kept on the application for its progress page. */
  keepReason: Effect<JoinApplicationState, JoinRecord, { reason: string }>;
}

/** 一键入会: the union approves or rejects; the applicant may cancel while pending; joining by another path closes it. */
export const joinWorkflow = (effects: JoinEffects) =>
  defineWorkflow<JoinApplicationState, JoinRecord>({
    id: JOIN_WORKFLOW_ID,
    label: '入会申请',
    createdLabel: '提交入会申请',
    states: JOIN_STATES,
    store: { table: joinApplications, state: joinApplications.state, updatedAt: joinApplications.updatedAt, orgPath: joinApplications.orgPath },
    transitions: [
      {
        action: 'approve',
        label: '批准入会',
        from: ['pending'],
        to: 'approved',
        permission: MANAGE,
        // Asked before it fires (the page's confirmation): a stray click in a list must not make a member.
        warning: '批准后即为申请人登记入会、编发会员证号，不能撤回。',
        effect: effects.openMembership,
      },
      { action: 'reject', label: '不予批准', from: ['pending'], to: 'rejected', permission: MANAGE, input: reason, destructive: true, effect: effects.keepReason },
      { action: 'cancel', label: '撤回申请', from: ['pending'], to: 'cancelled', relations: ['applicant'], destructive: true },
      {
        action: JOINED_ELSEWHERE.action,
        label: JOINED_ELSEWHERE.reason,
        from: ['pending'],
        to: 'closed',
        system: true,
        // Its reason is the closing entry's (joinedElsewhere), which pages show with the membership it names.
        input: joinedElsewhere,
      },
    ],
    relationsOf: (actor, record) => (actor.trackingCode && actor.trackingCode === record.trackingCode ? ['applicant'] : []),
  });

export interface MembershipRecord extends WorkflowRecord<MembershipStatus> {
  personHash: Buffer;
  lastDuesOn: string | null;
  duesFrom: string | null;
  lastActivityOn: string | null;
  joinedOn: string;
}

/**
 * The constitution's statuses. `open`: the person holds this membership (at most one at a time);
 * `continuing`: a later membership carries its 会龄 on (member-since.ts) — a transfer does, an ending does not.
 */
export const MEMBERSHIP_STATES = {
  active: { label: MEMBERSHIP_STATUSES.active, open: true, tone: 'good', flags: ['continuing'] },
  retained: { label: MEMBERSHIP_STATUSES.retained, open: true, tone: 'caution', flags: ['continuing'] },
  withdrawn: { label: MEMBERSHIP_STATUSES.withdrawn, terminal: true },
  deemed_withdrawn: { label: MEMBERSHIP_STATUSES.deemed_withdrawn, terminal: true },
  expelled: { label: MEMBERSHIP_STATUSES.expelled, terminal: true, tone: 'refused' },
  transferred: { label: MEMBERSHIP_STATUSES.transferred, terminal: true, tone: 'moved', flags: ['continuing'] },
} as const satisfies Record<MembershipStatus, StateDefinition>;

/** Statuses in which the person holds the membership. */
export const OPEN_STATUSES = statesWith(MEMBERSHIP_STATES, 'open');

/** The date six months before `today`: a member inactive since then may be deemed withdrawn. */
export const sixMonthsBefore = (today: string) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 6);
  return d.toISOString().slice(0, 10);
};

/** Latest sign of life: dues paid, taking part, or joining. */
export const lastSignOfLife = (m: Pick<MembershipRecord, 'lastDuesOn' | 'lastActivityOn' | 'joinedOn'>) =>
  [m.lastDuesOn, m.lastActivityOn, m.joinedOn].filter((d): d is string => Boolean(d)).sort().at(-1)!;

/**
 * 视为自动退会 on evidence (the constitution: six consecutive months without paying dues and without taking part),
 * from the columns the dues module keeps (schema.ts): why a member is not a candidate, or null when they are.
 * No dues record at all, or records that start within the six months, prove nothing: the union must fix its data.
 * The candidates list (memberships.ts) is the same rule as SQL: `deemedCandidateSql`.
 */
export function notDeemedWithdrawn(m: Pick<MembershipRecord, 'lastDuesOn' | 'duesFrom' | 'lastActivityOn' | 'joinedOn'>, today: string): string | null {
  const cutoff = sixMonthsBefore(today);
  if (m.duesFrom === null) return '该会员没有任何会费记录，无法证明连续六个月未缴纳会费；请先补录会费数据';
  if (m.duesFrom > cutoff) return '该会员的会费记录不足六个月，无法证明连续六个月未缴纳会费';
  if (lastSignOfLife(m) > cutoff) return '该会员近六个月内缴纳过会费或参加过活动，不符合视为自动退会的条件';
  return null;
}

/**
 * 修改会员信息: what the union corrects or updates on a member's record (a new phone, a mistyped name, a new
 * employer). Only what changed is sent; the ID number is the person's key and is not edited here. The effect
 * checks the values with the joining rules (person-fields.ts).
 */
const withoutSpaces = (text: string) => text.replace(/[\s-]+/g, '');
export const detailsInput = z.object({
  // Spaces out, so the history holds the values as written to the record.
  name: z.string().trim().overwrite(withoutSpaces).max(30).optional().meta({ title: '姓名' }),
  phone: z.string().trim().overwrite(withoutSpaces).max(20).optional().meta({ title: '手机号' }),
  employmentForm: z.enum(Object.keys(EMPLOYMENT_FORMS) as [EmploymentForm, ...EmploymentForm[]]).optional().meta({ title: '就业形态', enumLabels: EMPLOYMENT_FORMS }),
  employerName: z.string().trim().max(100).optional().meta({ title: '工作单位' }),
  employerCreditCode: z.string().trim().max(18).optional().meta({ title: '单位统一社会信用代码' }),
  platformName: z.string().trim().max(50).optional().meta({ title: '所在平台' }),
  note: z.string().trim().max(500).optional().meta({ title: '变更说明', description: '更正姓名时必填，写明原因；如：本人更换手机号；更换工作单位' }),
});
export type DetailsInput = z.infer<typeof detailsInput>;
/** 更新就业信息: what the member changes of their own record on the phone (我的会籍); the rest is the union's. */
export const ownEmploymentInput = detailsInput.pick({ employmentForm: true, employerName: true, employerCreditCode: true, platformName: true, note: true });
/** 更换手机号: the new number, already proven by a code (so it is a system transition, not one a request can fire). */
export const ownPhoneInput = z.object({ phone: z.string().meta({ title: '手机号' }) });

/** The member themself: a worker's account belongs to the membership's person (Actor.personHash). */
const isThePerson = (actor: Actor, personHash: Buffer) => Boolean(actor.personHash?.equals(personHash));

export interface MembershipEffects {
  /** 修改会员信息: the changed fields written, with the search document that finds the member. */
  updateDetails: Effect<MembershipStatus, MembershipRecord, DetailsInput>;
  /** 退会, 视为自动退会, 开除: the membership ends today for the reason its state names, and the person holds none. */
  end: Effect<MembershipStatus, MembershipRecord>;
  /** 转出 (fired by a transfer's acceptance): ends it "to" the target union; the transfer opens the next. */
  transferOut: Effect<MembershipStatus, MembershipRecord, { transferId: number; toOrgId: number }>;
}


export function membershipWorkflow(today: () => string, effects: MembershipEffects) {
  return defineWorkflow<MembershipStatus, MembershipRecord>({
    id: 'membership',
    label: '会籍',
    createdLabel: '会籍建立',
    states: MEMBERSHIP_STATES,
    store: { table: memberships, state: memberships.status, version: memberships.version, updatedAt: memberships.updatedAt, orgPath: memberships.orgPath },
    transitions: [
      {
        action: 'retain',
        label: '保留会籍',
        from: ['active'],
        to: 'retained',
        permission: MANAGE,
        input: z.object({
          cause: z.enum(['retired', 'laid_off', 'other'], '请选择保留会籍的原因').meta({ title: '保留原因', enumLabels: { retired: '退休', laid_off: '下岗失业', other: '其他' } }),
          note,
        }),
      },
      { action: 'restore', label: '恢复正常会籍', from: ['retained'], to: 'active', permission: MANAGE },
      // The record is corrected where it stands (a transition per open state).
      ...OPEN_STATUSES.map((state) => ({
        action: 'update_details',
        label: '修改会员信息',
        from: [state],
        to: state,
        permission: MANAGE,
        input: detailsInput,
        effect: effects.updateDetails,
      })),
      // The member's own change of job, on the phone: the same effect, and the union reads it in the history.
      ...OPEN_STATUSES.map((state) => ({
        action: 'update_own_employment',
        label: '本人更新就业信息',
        from: [state],
        to: state,
        relations: ['member'],
        input: ownEmploymentInput,
        effect: effects.updateDetails,
      })),
      // The member's new number, proven by a code sent to it (my-membership.ts changePhone fires it once the code checks).
      ...OPEN_STATUSES.map((state) => ({
        action: 'update_own_phone',
        label: '本人更换手机号（短信验证）',
        from: [state],
        to: state,
        system: true,
        input: ownPhoneInput,
        effect: effects.updateDetails,
      })),
      {
        action: 'withdraw',
        label: '本人申请退会',
        from: ['active', 'retained'],
        to: 'withdrawn',
        permission: MANAGE,
        destructive: true,
        warning: '退会后会籍终止，不能恢复；如再入会须重新申请，会龄重新计算。',
        input: z.object({ requestedOn: pastOrToday(today).meta({ title: '本人申请日期', defaultToday: true }), note }),
        effect: effects.end,
      },
      {
        action: 'confirm_deemed_withdrawal',
        label: '确认视为自动退会',
        from: ['active'],
        to: 'deemed_withdrawn',
        permission: MANAGE,
        destructive: true,
        // The constitution: six months without paying dues and without taking part. Staff confirm; never automatic.
        guard: ({ record }) => notDeemedWithdrawn(record, today()),
        effect: effects.end,
      },
      {
        action: 'expel',
        label: '开除会籍',
        from: ['active', 'retained'],
        to: 'expelled',
        permission: MANAGE,
        destructive: true,
        warning: '开除会籍须经会员大会或会员代表大会讨论决定，并报上一级工会备案。此操作不能撤销。',
        input: z.object({
          decisionNo: z.string().trim().min(2, '请填写决定文号').max(100).meta({ title: '决定文号', description: '如：平工发〔2026〕12号' }),
          decidedOn: pastOrToday(today).meta({ title: '决定日期' }),
          reason: z.string().trim().min(2, '请填写原因').max(1000).meta({ title: '开除原因' }),
        }),
        effect: effects.end,
      },
      {
        action: 'transfer_out',
        label: '转出',
        from: ['active', 'retained'],
        to: 'transferred',
        system: true,
        input: z.object({ transferId: z.number().int(), toOrgId: z.number().int() }),
        effect: effects.transferOut,
      },
    ],
    relationsOf: (actor, record) => (isThePerson(actor, record.personHash) ? ['member'] : []),
  });
}

export type TransferState = 'requested' | 'source_confirmed' | 'completed' | 'refused' | 'cancelled';

export interface TransferRecord extends WorkflowRecord<TransferState> {
  personHash: Buffer;
  fromOrgPath: string;
  toOrgPath: string;
  trackingCode: string;
  requestedBy: 'member' | 'source' | 'target';
}

export const TRANSFER_STATES = {
  requested: { label: '待转出单位确认', open: true, needsAttention: true },
  source_confirmed: { label: '待转入单位接收', open: true, needsAttention: true },
  completed: { label: '已完成', terminal: true, tone: 'good' },
  refused: { label: '未通过', terminal: true, tone: 'refused' },
  cancelled: { label: '已撤回', terminal: true },
} as const satisfies Record<TransferState, StateDefinition>;

export interface TransferEffects {
  /** 接收转入: the old membership is transferred out and the new one opens, 会龄 continuous, in this transaction. */
  move: Effect<TransferState, TransferRecord>;
  /** 同意转出: the receiving union's staff are told it waits for them. */
  tellTarget: Effect<TransferState, TransferRecord>;
  /** 不同意转出, 不予接收: the member is told why. */
  tellRefusal: Effect<TransferState, TransferRecord, { reason: string }>;
}

/** 动态接转: the source union confirms, the target union accepts; either may refuse with a reason. */
export const transferWorkflow = (effects: TransferEffects) =>
  defineWorkflow<TransferState, TransferRecord>({
    id: 'transfer',
    label: '会员接转',
    createdLabel: '申请会员接转',
    states: TRANSFER_STATES,
    store: { table: transfers, state: transfers.state, updatedAt: transfers.updatedAt, orgPath: transfers.fromOrgPath },
    transitions: [
      {
        action: 'confirm',
        label: '同意转出',
        from: ['requested'],
        to: 'source_confirmed',
        permission: MANAGE,
        at: (r) => r.fromOrgPath,
        warning: '同意后由接收工会办理接收；接收前会员仍在本工会。',
        effect: effects.tellTarget,
      },
      { action: 'refuse_out', label: '不同意转出', from: ['requested'], to: 'refused', permission: MANAGE, at: (r) => r.fromOrgPath, input: reason, destructive: true, effect: effects.tellRefusal },
      {
        action: 'accept',
        label: '接收转入',
        from: ['source_confirmed'],
        to: 'completed',
        permission: MANAGE,
        at: (r) => r.toOrgPath,
        warning: '接收后会员关系转入本工会，原工会的会籍同时结束，会龄连续计算。',
        effect: effects.move,
      },
      { action: 'refuse_in', label: '不予接收', from: ['source_confirmed'], to: 'refused', permission: MANAGE, at: (r) => r.toOrgPath, input: reason, destructive: true, effect: effects.tellRefusal },
      { action: 'cancel', label: '撤回接转申请', from: ['requested'], to: 'cancelled', relations: ['requester'], destructive: true },
    ],
    relationsOf: (actor, record) => {
      if (record.requestedBy === 'member' && ((actor.trackingCode && actor.trackingCode === record.trackingCode) || isThePerson(actor, record.personHash))) return ['requester'];
      const side = record.requestedBy === 'source' ? record.fromOrgPath : record.requestedBy === 'target' ? record.toOrgPath : null;
      return side && canAt(actor, MANAGE, side) ? ['requester'] : [];
    },
  });
