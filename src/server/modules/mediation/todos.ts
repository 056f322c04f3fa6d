import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/scope.js';
import type { Todo } from '../../platform/todos.js';
import type { CaseListQuery } from './queries.js';
import type { MediationService } from './service.js';

/**
 * 连心舱's 待办, for those who mediate (the studio's team) and the union's staff who run the studio: cases
 * received and not yet classified, and cases whose 15-day period is ending or has ended (the worker may then
 * go to arbitration). Each is the case list, filtered as the link opens it.
 */
export function mediationTodos(mediation: Pick<MediationService, 'cases'>) {
  const count = async (actor: Actor, filter: Pick<CaseListQuery, 'state' | 'standing'>) => (await mediation.cases(actor, { ...filter, page: 1, pageSize: 1 })).total;
  return async (actor: Actor): Promise<Todo[]> => {
    if (scopePaths(actor, 'mediation.handle').length === 0 && scopePaths(actor, 'mediation.manage').length === 0) return [];
    const [received, atRisk, overdue] = await Promise.all([count(actor, { state: 'identify' }), count(actor, { standing: 'at_risk' }), count(actor, { standing: 'overdue' })]);
    return [
      { key: 'mediation.identify', label: '调解案件待受理研判', count: received, path: '/mediation/cases?state=identify' },
      { key: 'mediation.at_risk', label: '调解期限即将届满', count: atRisk, path: '/mediation/cases?standing=at_risk' },
      { key: 'mediation.overdue', label: '已超过调解期限的案件', count: overdue, path: '/mediation/cases?standing=overdue' },
    ];
  };
}
