import type { Actor } from '../../platform/actor.js';
import { scopePaths } from '../../platform/scope.js';
import type { Todo } from '../../platform/todos.js';
import type { MemberService } from './service.js';

/** The registry's 待办 for its staff: applications to decide, transfers to confirm (leaving) or accept (arriving). */
export function memberTodos(members: MemberService) {
  return async (actor: Actor): Promise<Todo[]> => {
    if (scopePaths(actor, 'members.manage').length === 0) return [];
    const page = { page: 1, pageSize: 1 };
    const [applications, leaving, arriving] = await Promise.all([
      members.listApplications(actor, { state: 'pending', ...page }),
      members.listTransfers(actor, { direction: 'out', state: 'requested', ...page }),
      members.listTransfers(actor, { direction: 'in', state: 'source_confirmed', ...page }),
    ]);
    return [
      { key: 'members.applications', label: '入会申请待审核', count: applications.total, path: '/members/applications?state=pending' },
      { key: 'members.transfers_out', label: '会员接转待确认转出', count: leaving.total, path: '/members/transfers?state=requested' },
      { key: 'members.transfers_in', label: '会员接转待接收', count: arriving.total, path: '/members/transfers?state=source_confirmed' },
    ];
  };
}
