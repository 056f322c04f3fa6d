import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/scope.js';
import type { Todo } from '../../platform/todos.js';
import type { DirectLineService } from './service.js';

/** 零距离's 待办 for those who answer: requests waiting for a reply, new or reopened by the worker. */
export function directLineTodos(directLine: DirectLineService) {
  return async (actor: Actor): Promise<Todo[]> => {
    if (scopePaths(actor, 'directLine.answer').length === 0) return [];
    const page = { page: 1, pageSize: 1 };
    const [open, reopened] = await Promise.all([directLine.list(actor, { state: 'open', ...page }), directLine.list(actor, { state: 'reopened', ...page })]);
    return [{ key: 'directLine.awaiting', label: '零距离诉求待回复', count: open.total + reopened.total, path: '/direct-line' }];
  };
}
