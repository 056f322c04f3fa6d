import { z } from 'zod';
import { pastOrToday } from '../../http/schemas.js';
import { defineWorkflow, type Effect, type StateDefinition, type WorkflowRecord } from '../../platform/workflow/engine.js';
import { riskSignals, type SignalState } from './schema.js';

/**
 * A risk signal's handling as data (预警识别 → 应急处置): it waits for someone
 * to take it up, is followed by a named person, and ends either resolved (with
 * how) or as a mediation case, which only the mediation module opens (a
 * system transition fired through `markSignalCase`).
 */

/** `editable`: its facts (level, workers, amount) may still be corrected. */
export const SIGNAL_STATES = {
  open: { label: '待处置', open: true, needsAttention: true, flags: ['editable'] },
  in_hand: { label: '跟进中', open: true, flags: ['editable'] },
  resolved: { label: '已化解', terminal: true, tone: 'good' },
  case_opened: { label: '已转调解', terminal: true, tone: 'moved' },
} as const satisfies Record<SignalState, StateDefinition>;

export type SignalRecord = WorkflowRecord<SignalState>;

const follower = z.string().trim().min(2, '请填写跟进人（至少 2 个字）').max(100, '跟进人不能超过 100 个字').meta({ title: '跟进人', description: '如：当湖连心舱 舱长 张敏' });
export const takeInput = z.object({ follower, note: z.string().trim().max(500).optional().meta({ title: '说明' }) });
export const resolveInput = (today: () => string) =>
  z.object({
    resolution: z.string().trim().min(4, '请写明如何化解（至少 4 个字）').max(2000, '不能超过 2000 个字').meta({ title: '化解情况' }),
    resolvedOn: pastOrToday(today).meta({ title: '化解日期', defaultToday: true }),
  });
/** The case a signal opened, as the mediation module names it. */
export const caseRefInput = z.object({ id: z.number().int().positive(), label: z.string().trim().min(1).max(60) });
export type CaseRef = z.infer<typeof caseRefInput>;

export interface SignalEffects {
  /** 跟进, 更换跟进人: who follows it up is kept on the signal. */
  follow: Effect<SignalState, SignalRecord, z.infer<typeof takeInput>>;
  /** 化解: how and when. */
  resolve: Effect<SignalState, SignalRecord, z.infer<ReturnType<typeof resolveInput>>>;
  /** 转调解: the case it opened. */
  openCase: Effect<SignalState, SignalRecord, CaseRef>;
}

export const signalWorkflow = (today: () => string, effects: SignalEffects) =>
  defineWorkflow<SignalState, SignalRecord>({
    id: 'risk_signal',
    label: '风险预警',
    createdLabel: '发现预警',
    states: SIGNAL_STATES,
    store: { table: riskSignals, state: riskSignals.state, version: riskSignals.version, updatedAt: riskSignals.updatedAt, orgPath: riskSignals.orgPath },
    transitions: [
      { action: 'take', label: '跟进', from: ['open'], to: 'in_hand', permission: 'enterprises.manage', input: takeInput, effect: effects.follow },
      { action: 'hand_over', label: '更换跟进人', from: ['in_hand'], to: 'in_hand', permission: 'enterprises.manage', input: takeInput, effect: effects.follow },
      {
        action: 'resolve',
        label: '化解',
        from: ['open', 'in_hand'],
        to: 'resolved',
        permission: 'enterprises.manage',
        input: resolveInput(today),
        warning: '化解后预警结束；同一企业再出现风险请另行登记预警。',
        effect: effects.resolve,
      },
      // Only the mediation module opens a case from a signal (EnterpriseService.markSignalCase).
      { action: 'open_case', label: '转调解', from: ['open', 'in_hand'], to: 'case_opened', system: true, input: caseRefInput, effect: effects.openCase },
    ],
  });

export type SignalWorkflow = ReturnType<typeof signalWorkflow>;
