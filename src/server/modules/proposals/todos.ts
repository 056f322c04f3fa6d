import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/scope.js';
import type { Todo } from '../../platform/todos.js';
import type { ProposalService } from './service.js';
import type { ProposalState } from './schema.js';

/**
 * The proposals' 待办, by what the actor does in the loop: the union reviews and assigns, the supervisor checks
 * answers, a handler unit handles, a representative rates what was answered to them.
 */
export function proposalTodos(proposals: ProposalService) {
  const count = async (actor: Actor, view: 'all' | 'mine' | 'handling', state: ProposalState, toRate = false) =>
    (await proposals.list(actor, { view, state, toRate, page: 1, pageSize: 1 })).total;
  return async (actor: Actor): Promise<Todo[]> => {
    const can = (permission: Parameters<typeof scopePaths>[1]) => scopePaths(actor, permission).length > 0;
    const wanted: [boolean, () => Promise<Todo>][] = [
      [can('proposals.review'), async () => ({ key: 'proposals.in_review', label: '提案待审议立案', count: await count(actor, 'all', 'in_review'), path: '/proposals?state=in_review' })],
      [can('proposals.assign'), async () => ({ key: 'proposals.accepted', label: '提案已立案待交办', count: await count(actor, 'all', 'accepted'), path: '/proposals?state=accepted' })],
      [can('proposals.supervise'), async () => ({ key: 'proposals.answered', label: '提案答复待督查', count: await count(actor, 'all', 'answered'), path: '/proposals?state=answered' })],
      [can('proposals.handle'), async () => ({ key: 'proposals.assigned', label: '交办的提案待开始办理', count: await count(actor, 'handling', 'assigned'), path: '/proposals/assigned?state=assigned' })],
      [can('proposals.submit'), async () => ({ key: 'proposals.feedback', label: '我的提案待评价', count: await count(actor, 'mine', 'feedback', true), path: '/proposals?mine=true&state=feedback' })],
      // The worker who raised it rates it too, on the phone.
      [can('proposals.follow'), async () => ({ key: 'proposals.worker_feedback', label: '为您提出的提案待评价', count: await count(actor, 'mine', 'feedback', true), path: '/proposals/mine' })],
    ];
    return Promise.all(wanted.filter(([applies]) => applies).map(([, todo]) => todo()));
  };
}
