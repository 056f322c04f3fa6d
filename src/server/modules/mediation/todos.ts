import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/scope.js';
import type { Todo } from '../../platform/todos.js';
import { statesWith } from '../../platform/workflow/engine.js';
import type { CaseListQuery } from './queries.js';
import type { MediationService } from './service.js';
import { CASE_STATES } from './workflow.js';

const NEEDS_ATTENTION = statesWith(CASE_STATES, 'needsAttention');

/**
 * 连心舱's 待办, for those who mediate (the studio's team) and the union's staff who run the studio: cases in
 * a state the workflow flags as needing attention (received, not yet classified), and cases whose 15-day
 * period is ending or has ended (the worker may then go to arbitration). Each is the case list, filtered as
 * the link opens it.
 */
export function mediationTodos(mediation: Pick<MediationService, 'cases'>) {
  const count = async (actor: Actor, filter: Pick<CaseListQuery, 'state' | 'standing'>) => (await mediation.cases(actor, { ...filter, page: 1, pageSize: 1 })).total;
  return async (actor: Actor): Promise<Todo[]> => {
    if (scopePaths(actor, 'mediation.handle').length === 0 && scopePaths(actor, 'mediation.manage').length === 0) return [];
    // The states the workflow flags as needing attention (today 识 · 受理研判), each its own to-do.
    const waiting = await Promise.all(
      NEEDS_ATTENTION.map(async (state) => ({
        key: `mediation.${state}`,
        label: `调解案件待办：${CASE_STATES[state].label}`,
        count: await count(actor, { state }),
        path: `/mediation/cases?state=${state}`,
      })),
    );
    const [atRisk, overdue] = await Promise.all([count(actor, { standing: 'at_risk' }), count(actor, { standing: 'overdue' })]);
    return [
      ...waiting,
      { key: 'mediation.at_risk', label: '调解期限即将届满', count: atRisk, path: '/mediation/cases?standing=at_risk' },
      { key: 'mediation.overdue', label: '已超过调解期限的案件', count: overdue, path: '/mediation/cases?standing=overdue' },
    ];
  };
}
