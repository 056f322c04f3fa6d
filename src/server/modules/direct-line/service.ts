import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { ProposalService } from '../proposals/service.js';
import { createAsking } from './asking.js';
import { createRequestFlow } from './effects.js';
import { createRequestQueries } from './queries.js';
import { createRequestRecords } from './records.js';

/**
 * The 零距离 service (DESIGN §3.2): the parts, each a file by job.
 * records.ts — who sees which request, a request as the workflow reads it;
 * asking.ts — whom a worker may ask, and asking;
 * effects.ts — the workflow with what each step does (转为提案 through the proposals service);
 * queries.ts — the list, a request's thread, the representatives' record.
 */

export type { NewRequest } from './asking.js';
export type { RequestListQuery } from './queries.js';

export interface DirectLineServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  calendar: Pick<CalendarService, 'calendar'>;
  notifications: Pick<NotificationService, 'notify'>;
  proposals: Pick<ProposalService, 'draftInside' | 'adopt' | 'detail'>;
  now: () => Date;
}

export function createDirectLineService(deps: DirectLineServiceDeps) {
  const { db, workflow } = deps;
  const records = createRequestRecords(deps);
  const flow = createRequestFlow(deps);
  const asking = createAsking(deps, { flow, records });
  const queries = createRequestQueries(deps, { flow, records, proposals: deps.proposals });

  return {
    workflow: flow,
    addressees: asking.addressees,
    list: queries.list,
    detail: queries.detail,
    representativeRecord: queries.representativeRecord,
    ownRecord: queries.ownRecord,
    async create(actor: Actor, input: Parameters<typeof asking.create>[1]) {
      return queries.detail(actor, await asking.create(actor, input));
    },
    /** A message or any other step: the engine decides whether the actor may, and what follows. */
    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const row = await records.find(actor, id, tx, { lock: true });
        await workflow.fire(tx, flow, actor, await records.recordOf(row, tx), action, input);
      });
      return queries.detail(actor, id);
    },
  };
}

export type DirectLineService = ReturnType<typeof createDirectLineService>;
