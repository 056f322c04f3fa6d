import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { defineWorkflow, type Effect, type StateDefinition, type WorkflowRecord } from '../../platform/workflow/engine.js';
import { directLineRequests, REQUEST_RATINGS, type RequestRating, type RequestState } from './schema.js';

/**
 * 零距离 (DESIGN §3.2): a worker's request to a representative or the union,
 * as data. Messages are transitions too (回复, 追问), so a follow-up after an
 * answer reopens the request, and every message is in the timeline and the audit.
 */

/** `replyable`: whoever answers may still write; `askable`: the worker may still write. */
export const REQUEST_STATES = {
  open: { label: '待回复', open: true, needsAttention: true, flags: ['replyable', 'askable'] },
  answered: { label: '已回复', open: true, tone: 'good', flags: ['replyable', 'askable'] },
  reopened: { label: '追问待回复', open: true, needsAttention: true, flags: ['replyable', 'askable'] },
  closed: { label: '已办结', terminal: true },
  proposal: { label: '已转提案', terminal: true, tone: 'moved' },
} as const satisfies Record<RequestState, StateDefinition>;

export interface RequestRecord extends WorkflowRecord<RequestState> {
  workerUserId: number;
  /** Who answers: the representative addressed, or everyone who may answer for the union addressed. */
  isAddressee: (actor: Actor) => boolean;
  /** The accounts told of the worker's messages. */
  addresseeUserIds: number[];
  subject: string;
}

const messageText = z.object({ text: z.string().trim().min(2, '请填写内容（至少 2 个字）').max(2000, '内容不能超过 2000 个字').meta({ title: '内容' }) });
export const rateInput = z.object({
  rating: z.enum(Object.keys(REQUEST_RATINGS) as [RequestRating, ...RequestRating[]], '请选择评价').meta({ title: '对答复是否满意', enumLabels: REQUEST_RATINGS }),
  comment: z.string().trim().max(500).optional().meta({ title: '意见' }),
});
export const closeInput = z.object({ note: z.string().trim().max(500).optional().meta({ title: '说明' }) });
export const toProposalInput = z.object({
  proposalId: z.number().int().positive().optional().meta({ title: '关联已有提案', description: '已为同一事项提出过提案时选择它；不选则按本诉求起草一件新提案' }),
});

/** The transitions that are messages: the page offers them as the thread's message box, not as buttons. */
export const MESSAGE_ACTIONS = ['reply', 'follow_up'] as const;

export interface RequestEffects {
  /** 回复 and 追问: the message joins the thread (a first reply is timed for 履职监督). */
  postMessage: Effect<RequestState, RequestRecord, z.infer<typeof messageText>>;
  /** 评价: the rating is kept, the request closes. */
  rate: Effect<RequestState, RequestRecord, z.infer<typeof rateInput>>;
  /** 办结: the time it closed. */
  close: Effect<RequestState, RequestRecord, z.infer<typeof closeInput>>;
  /** 转为提案: a proposal drafted from the request (or one already raised), through the proposals service. */
  toProposal: Effect<RequestState, RequestRecord, z.infer<typeof toProposalInput>>;
}

const link = (r: RequestRecord) => `/direct-line/${r.id}`;
const toAddressees = (r: RequestRecord, title: string, body?: string) => r.addresseeUserIds.map((userId) => ({ userId, kind: 'direct-line', title, body, link: link(r) }));

export const requestWorkflow = (effects: RequestEffects, canPropose: (actor: Actor, record: RequestRecord) => boolean) =>
  defineWorkflow<RequestState, RequestRecord>({
    id: 'direct_line',
    label: '零距离诉求',
    createdLabel: '提出诉求',
    states: REQUEST_STATES,
    store: { table: directLineRequests, state: directLineRequests.state, version: directLineRequests.version, updatedAt: directLineRequests.updatedAt, orgPath: directLineRequests.orgPath },
    relationsOf: (actor, r) => [...(actor.userId !== null && actor.userId === r.workerUserId ? ['worker'] : []), ...(r.isAddressee(actor) ? ['addressee'] : [])],
    transitions: [
      {
        action: 'reply',
        label: '回复',
        from: ['open', 'reopened', 'answered'],
        to: 'answered',
        relations: ['addressee'],
        input: messageText,
        effect: effects.postMessage,
        notify: ({ actor, record, input }) => [{ userId: record.workerUserId, kind: 'direct-line', title: `${actor.displayName} 回复了您的诉求「${record.subject}」`, body: input.text, link: link(record) }],
      },
      // 追问 after an answer reopens the request; before one it adds to what waits for an answer (a transition per state).
      ...(
        [
          ['open', 'open'],
          ['reopened', 'reopened'],
          ['answered', 'reopened'],
        ] as const
      ).map(([from, to]) => ({
        action: 'follow_up',
        label: from === 'answered' ? '追问' : '补充说明',
        from: [from],
        to,
        relations: ['worker'],
        input: messageText,
        effect: effects.postMessage,
        notify: ({ actor, record, input }: { actor: { displayName: string }; record: RequestRecord; input: z.infer<typeof messageText> }) =>
          toAddressees(record, `${actor.displayName} 追问了诉求「${record.subject}」`, input.text),
      })),
      {
        action: 'rate',
        label: '评价并办结',
        from: ['answered'],
        to: 'closed',
        relations: ['worker'],
        input: rateInput,
        effect: effects.rate,
        notify: ({ actor, record, input }: { actor: Actor; record: RequestRecord; input: z.infer<typeof rateInput> }) =>
          toAddressees(record, `${actor.displayName} 评价了诉求「${record.subject}」：${REQUEST_RATINGS[input.rating]}`, input.comment),
      },
      {
        action: 'close',
        label: '办结',
        from: ['open', 'reopened', 'answered'],
        to: 'closed',
        relations: ['worker', 'addressee'],
        input: closeInput,
        destructive: true,
        warning: '办结后不能再留言；职工如有新的问题可以另提诉求。',
        effect: effects.close,
      },
      {
        action: 'to_proposal',
        label: '转为提案',
        from: ['open', 'reopened', 'answered'],
        to: 'proposal',
        relations: ['addressee'],
        guard: ({ actor, record }) => (canPropose(actor, record) ? null : '只有会员代表可以把诉求转为提案'),
        input: toProposalInput,
        warning: '不选已有提案时，将按本诉求的主题和内容起草一件提案草稿（仅您可见），请在提案管理中完善后提交；职工可在本页跟踪提案进度。',
        effect: effects.toProposal,
        notify: ({ actor, record }) => [{ userId: record.workerUserId, kind: 'direct-line', title: `${actor.displayName} 已将您的诉求「${record.subject}」转为提案`, link: link(record) }],
      },
    ],
  });

export type RequestWorkflow = ReturnType<typeof requestWorkflow>;
