import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { defineWorkflow, type Effect, type StateDefinition, statesWith, type WorkflowRecord } from '../../platform/workflow/engine.js';
import { type CaseState, mediationCases } from './schema.js';

/**
 * A dispute case as data, along the five-word method 识、访、议、调、诉:
 * identify and classify → visit and investigate → consult → mediate → an
 * outcome (agreement, then judicial confirmation and closing; referral to
 * arbitration or court; withdrawal; failure). Visits, sessions and notes are
 * transitions too, so each is in the timeline and the audit; they keep the
 * running deadline.
 *
 * Flags: `mediating` — the 15-day period (or the court's deadline) runs;
 * `agreement` — an agreement was reached; `concluded` — the mediation ended
 * (the denominator of the success rate); `rateable` — the workers may sign
 * for the agreement and rate the result.
 */

/**
 * 劳动争议调解仲裁法 art. 14: union mediation that reaches no agreement within
 * 15 days of receiving the application lets a party apply for arbitration.
 * Counted as the law counts periods (WorkingDayCalendar.endOfPeriod). Told
 * three working days ahead.
 */
export const MEDIATION_PERIOD = { calendarDays: 15, atRiskWorkingDays: 3 } as const;
const RUNNING = { running: true, atRiskWorkingDays: MEDIATION_PERIOD.atRiskWorkingDays } as const;

export const CASE_STATES = {
  identify: { label: '识 · 受理研判', open: true, needsAttention: true, flags: ['mediating'], deadline: MEDIATION_PERIOD },
  visit: { label: '访 · 走访调查', open: true, flags: ['mediating'], deadline: RUNNING },
  consult: { label: '议 · 协商议事', open: true, flags: ['mediating'], deadline: RUNNING },
  mediate: { label: '调 · 调解中', open: true, flags: ['mediating'], deadline: RUNNING },
  agreed: { label: '已达成调解协议', open: true, tone: 'good', flags: ['agreement', 'concluded', 'rateable'] },
  confirmation_requested: { label: '司法确认申请中', open: true, tone: 'good', flags: ['agreement', 'concluded', 'rateable'] },
  confirmed: { label: '已司法确认', open: true, tone: 'good', flags: ['agreement', 'concluded', 'rateable'] },
  closed: { label: '已结案', terminal: true, tone: 'good', flags: ['agreement', 'concluded', 'rateable'] },
  referred: { label: '诉 · 已转仲裁/诉讼', terminal: true, tone: 'moved', flags: ['concluded', 'rateable'] },
  withdrawn: { label: '已撤回', terminal: true },
  failed: { label: '调解不成', terminal: true, tone: 'refused', flags: ['concluded', 'rateable'] },
} as const satisfies Record<CaseState, StateDefinition>;

/** Whether a state carries one of the module's flags (`agreement`, `rateable`…). */
export const stateHas = (state: CaseState, flag: 'mediating' | 'agreement' | 'concluded' | 'rateable') => statesWith(CASE_STATES, flag).includes(state);

export interface CaseRecord extends WorkflowRecord<CaseState> {
  studioId: number;
  subject: string;
  leadUserId: number | null;
  /** Accounts of the studio's active team: they handle the case. */
  teamUserIds: number[];
  /** Accounts of the worker parties: they follow it. */
  workerUserIds: number[];
  /** The parties' ids, for an agreement's lines. */
  partyIds: number[];
}

const dayField = (title: string) => z.iso.date('应为有效日期（YYYY-MM-DD）').meta({ title, format: 'date', notAfterToday: true, defaultToday: true });
const text = (title: string, max: number, min = 2) =>
  z
    .string()
    .trim()
    .min(min, `请填写${title}（至少 ${min} 个字）`)
    .max(max, `${title}不能超过 ${max} 个字`)
    .meta({ title });
/** An amount in fen: a whole, non-negative number up to 1 亿元 (anything above is a slip of the keyboard); forms ask for yuan (`unit`). */
export const MAX_AMOUNT_FEN = 10_000_000_000;
export const amountFen = (title: string) =>
  z
    .number(`${title}应为金额（分）`)
    .int(`${title}应为整数（分）`)
    .min(0, `${title}不能为负数`)
    .max(MAX_AMOUNT_FEN, `${title}超过 1 亿元，请核对`)
    .meta({ title, unit: 'fen' });

export const visitInput = z.object({
  heldOn: dayField('走访日期'),
  place: text('走访地点', 100),
  people: text('走访人员', 300).meta({ title: '走访人员', description: '参加走访的人，如：舱长沈建明、志愿者顾丽萍' }),
  notes: text('走访情况', 2000, 4),
});
export const sessionInput = z.object({
  heldOn: dayField('调解日期'),
  people: text('参加人员', 300).meta({ title: '参加人员', description: '双方到场人员和调解员' }),
  notes: text('调解情况', 2000, 4),
});
export const noteInput = z.object({ notes: text('备注', 2000) });
export const assignInput = z.object({ leadMemberId: z.number().int().positive().meta({ title: '主办调解员', description: '本工作室团队中有账号的成员' }) });
export const agreementInput = z.object({
  agreedOn: dayField('协议签订日期'),
  terms: text('协议内容', 4000, 10).meta({ title: '协议内容', description: '双方达成的协议条款（将写入调解协议书）' }),
  shares: z
    .array(z.object({ partyId: z.number().int().positive().meta({ title: '职工' }), amount: amountFen('金额') }))
    .min(1, '请列明协议涉及的职工及其金额')
    .max(500)
    .meta({ title: '涉及职工及金额' }),
  instalments: z
    .array(z.object({ dueOn: z.iso.date('应为有效日期（YYYY-MM-DD）').meta({ title: '支付日期', format: 'date' }), amount: amountFen('金额') }))
    .min(1, '请列明支付日期和金额（一次付清也写一期）')
    .max(60)
    .meta({ title: '分期支付' }),
});
export const confirmationRequestInput = z.object({ court: text('受理法院', 50).meta({ title: '受理法院', description: '如：平湖市人民法院' }) });
export const confirmationInput = z.object({ ruling: text('司法确认裁定书文号', 50).meta({ title: '司法确认裁定书文号' }) });
export const referInput = z.object({
  referredTo: text('转往机构', 100).meta({ title: '转往机构', description: '如：平湖市劳动人事争议仲裁委员会、平湖市人民法院' }),
  note: text('说明', 1000).optional(),
});
export const reasonInput = z.object({ note: text('原因', 1000) });
export const closeInput = z.object({ note: z.string().trim().max(1000).optional().meta({ title: '结案说明', description: '如：款项已全部支付' }) });

export interface CaseEffects {
  /** A visit, a session or a note joins the case's records. */
  recordVisit: Effect<CaseState, CaseRecord, z.infer<typeof visitInput>>;
  recordSession: Effect<CaseState, CaseRecord, z.infer<typeof sessionInput>>;
  addNote: Effect<CaseState, CaseRecord, z.infer<typeof noteInput>>;
  /** 由我主办 (no input: the actor's own seat) or 指定主办调解员: the lead, a member of the team with an account. */
  assign: Effect<CaseState, CaseRecord, Partial<z.infer<typeof assignInput>> | undefined>;
  /** 达成协议: the agreement's lines and instalments, checked against the case's parties and dates. */
  agree: Effect<CaseState, CaseRecord, z.infer<typeof agreementInput>>;
  requestConfirmation: Effect<CaseState, CaseRecord, z.infer<typeof confirmationRequestInput>>;
  confirm: Effect<CaseState, CaseRecord, z.infer<typeof confirmationInput>>;
  refer: Effect<CaseState, CaseRecord, z.infer<typeof referInput>>;
  /** Withdrawal, failure, closing: the note and the time the case ended. */
  conclude: Effect<CaseState, CaseRecord, { note?: string }>;
}

const MEDIATING: CaseState[] = ['identify', 'visit', 'consult', 'mediate'];
const AGREED: CaseState[] = ['agreed', 'confirmation_requested', 'confirmed'];
const link = (r: CaseRecord) => `/mediation/cases/${r.id}`;
const toWorkers = (r: CaseRecord, title: string, body?: string) => r.workerUserIds.map((userId) => ({ userId, kind: 'mediation', title, body, link: link(r) }));
/** Who handles the case: its lead, or the whole team while nobody leads it. */
const handlers = (r: CaseRecord) => (r.leadUserId !== null ? [r.leadUserId] : r.teamUserIds);

/** Who handles a case: its studio's team and the union's mediation staff (`mediation.manage` at the case's union). */
const HANDLE = { permission: 'mediation.manage', relations: ['team'] } as const;

export const caseWorkflow = (effects: CaseEffects) =>
  defineWorkflow<CaseState, CaseRecord>({
    id: 'mediation_case',
    label: '劳动争议调解案件',
    createdLabel: '受理',
    states: CASE_STATES,
    store: { table: mediationCases, state: mediationCases.state, version: mediationCases.version, updatedAt: mediationCases.updatedAt, dueOn: mediationCases.dueOn, orgPath: mediationCases.orgPath },
    relationsOf: (actor: Actor, r) => {
      const me = actor.userId;
      if (me === null) return [];
      return [...(r.teamUserIds.includes(me) ? ['team'] : []), ...(r.leadUserId === me ? ['lead'] : []), ...(r.workerUserIds.includes(me) ? ['worker'] : [])];
    },
    transitions: [
      ...MEDIATING.map((from) => ({
        action: 'take',
        label: '由我主办',
        from: [from],
        to: from,
        relations: ['team'],
        deadline: RUNNING,
        // Only while nobody leads it; it stays in its state (one transition per state keeps the running deadline).
        guard: ({ record }: { record: CaseRecord }) => (record.leadUserId === null ? null : '本案已有主办调解员'),
        effect: effects.assign,
      })),
      ...MEDIATING.map((from) => ({
        action: 'assign',
        label: '指定主办调解员',
        from: [from],
        to: from,
        ...HANDLE,
        deadline: RUNNING,
        input: assignInput,
        effect: effects.assign,
        notify: ({ record }: { record: CaseRecord }) => toWorkers(record, `您的调解案件「${record.subject}」已确定主办调解员`),
      })),
      {
        action: 'start_visit',
        label: '走访调查',
        from: ['identify'],
        to: 'visit',
        ...HANDLE,
        input: visitInput,
        effect: effects.recordVisit,
        notify: ({ record }) => toWorkers(record, `调解员已走访调查您的案件「${record.subject}」`),
      },
      ...(['visit', 'consult', 'mediate'] as const).map((from) => ({
        action: 'record_visit',
        label: '记录走访',
        from: [from],
        to: from,
        ...HANDLE,
        deadline: RUNNING,
        input: visitInput,
        effect: effects.recordVisit,
      })),
      {
        action: 'consult',
        label: '进入协商议事',
        from: ['identify', 'visit'],
        to: 'consult',
        ...HANDLE,
        notify: ({ record }) => toWorkers(record, `您的案件「${record.subject}」进入协商议事`),
      },
      ...(['consult', 'mediate'] as const).map((from) => ({
        action: 'record_session',
        label: '记录调解会',
        from: [from],
        to: 'mediate' as const,
        ...HANDLE,
        deadline: RUNNING,
        input: sessionInput,
        effect: effects.recordSession,
        notify: ({ record }: { record: CaseRecord }) => toWorkers(record, `您的案件「${record.subject}」召开了调解会`),
      })),
      ...MEDIATING.map((from) => ({
        action: 'add_note',
        label: '案件备注',
        from: [from],
        to: from,
        ...HANDLE,
        deadline: RUNNING,
        input: noteInput,
        effect: effects.addNote,
      })),
      {
        action: 'agree',
        label: '达成调解协议',
        from: ['consult', 'mediate'],
        to: 'agreed',
        ...HANDLE,
        input: agreementInput,
        warning: '协议将写入调解协议书，职工可在手机上查看并签收。',
        effect: effects.agree,
        notify: ({ record }) => toWorkers(record, `您的案件「${record.subject}」已达成调解协议，请查看并签收`),
      },
      {
        action: 'request_confirmation',
        label: '申请司法确认',
        from: ['agreed'],
        to: 'confirmation_requested',
        ...HANDLE,
        input: confirmationRequestInput,
        effect: effects.requestConfirmation,
        notify: ({ record, input }) => toWorkers(record, `您的调解协议已向${input.court}申请司法确认`),
      },
      {
        action: 'confirm',
        label: '登记司法确认',
        from: ['confirmation_requested'],
        to: 'confirmed',
        ...HANDLE,
        input: confirmationInput,
        effect: effects.confirm,
        notify: ({ record }) => toWorkers(record, `您的调解协议已经法院司法确认`, '对方不履行的，可以向法院申请强制执行'),
      },
      {
        action: 'close',
        label: '结案',
        from: AGREED,
        to: 'closed',
        ...HANDLE,
        input: closeInput,
        destructive: true,
        warning: '结案后案件不能再办理；请确认协议已履行或已作出安排。',
        effect: effects.conclude,
        notify: ({ record }) => toWorkers(record, `您的调解案件「${record.subject}」已结案，请对调解结果作出评价`),
      },
      {
        action: 'refer',
        label: '转仲裁/诉讼',
        from: [...MEDIATING, 'agreed'],
        to: 'referred',
        ...HANDLE,
        input: referInput,
        destructive: true,
        effect: effects.refer,
        notify: ({ record, input }) => toWorkers(record, `您的案件「${record.subject}」已转${input.referredTo}`, input.note),
      },
      {
        action: 'fail',
        label: '调解不成',
        from: ['consult', 'mediate'],
        to: 'failed',
        ...HANDLE,
        input: reasonInput,
        destructive: true,
        warning: '职工可以依法申请劳动仲裁，工会可提供法律援助。',
        effect: effects.conclude,
        notify: ({ record, input }) => toWorkers(record, `您的案件「${record.subject}」调解不成，可以依法申请劳动仲裁`, input.note),
      },
      {
        action: 'withdraw',
        label: '撤回',
        from: MEDIATING,
        to: 'withdrawn',
        permission: 'mediation.manage',
        relations: ['team', 'worker'],
        input: reasonInput,
        destructive: true,
        warning: '撤回后案件不再调解。',
        effect: effects.conclude,
        notify: ({ record, input }) => [...handlers(record), ...record.workerUserIds].map((userId) => ({ userId, kind: 'mediation', title: `调解案件「${record.subject}」已撤回`, body: input.note, link: link(record) })),
      },
    ],
  });

export type CaseWorkflow = ReturnType<typeof caseWorkflow>;
