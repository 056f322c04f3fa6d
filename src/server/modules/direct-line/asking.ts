import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stampedAt } from '../../db/columns.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { OrgRow, OrgService } from '../../platform/org-tree/service.js';
import { requirePaths } from '../../platform/scope.js';
import { searchTokens, searchVector } from '../../platform/search-tokens.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { RequestRecords } from './records.js';
import { directLineMessages, directLineRequests, type RequestCategory } from './schema.js';
import type { RequestWorkflow } from './workflow.js';

/**
 * A worker's side of 零距离 before anyone answers: whom they may ask — the
 * representatives of their union and of the unions above it up to the county,
 * or one of those unions itself — and the request they send.
 */

export interface NewRequest {
  /** A representative (from `addressees`), or else… */
  representativeUserId?: number | null;
  /** …a union (from `addressees`). */
  orgId?: number | null;
  subject: string;
  category: RequestCategory;
  text: string;
}

/** The search document of a request: its subject and the worker's first message. */
export const requestSearch = (subject: string, text: string) => searchVector(searchTokens(subject, text)) as unknown as string;

export function createAsking(
  ctx: { db: Db; orgs: Pick<OrgService, 'byId'>; workflow: WorkflowEngine; notifications: Pick<NotificationService, 'notify'>; now: () => Date },
  parts: { flow: RequestWorkflow; records: Pick<RequestRecords, 'recordOf'> },
) {
  const { db, orgs, workflow, notifications, now } = ctx;
  const { flow, records } = parts;

  /** The worker's union: where they hold the `worker` role (the first, should they hold it at several). */
  async function unionOf(actor: Actor, tx: Db): Promise<OrgRow> {
    const [path] = requirePaths(actor, 'directLine.ask');
    const org = await orgs.byId(actor.grants.find((g) => g.orgPath === path)!.orgId, tx);
    if (!org) throw notFound('工会', 'union');
    return org;
  }

  /** The worker's union and those above it within the county (its tenant), nearest first. */
  async function unionsOf(home: OrgRow, tx: Db) {
    const rows = await tx
      .select({ id: orgTable.id, name: orgTable.name, path: orgTable.path, tenantId: orgTable.tenantId })
      .from(orgTable)
      .where(and(sql`${home.path}::ltree <@ ${orgTable.path}`, eq(orgTable.tenantId, home.tenantId), eq(orgTable.active, true)));
    return rows.sort((a, b) => b.path.split('.').length - a.path.split('.').length);
  }

  /** Whom the worker may ask: those unions, and the representatives holding the role at one of them. */
  async function addressees(actor: Actor, tx: Db = db) {
    const unions = await unionsOf(await unionOf(actor, tx), tx);
    const representatives = unions.length
      ? await tx
          .select({ userId: users.id, name: users.displayName, orgId: roleGrants.orgId })
          .from(roleGrants)
          .innerJoin(users, eq(users.id, roleGrants.userId))
          .where(and(eq(roleGrants.role, 'representative'), inArray(roleGrants.orgId, unions.map((u) => u.id)), eq(users.active, true)))
          .orderBy(asc(users.displayName), asc(users.id))
      : [];
    const unionName = new Map(unions.map((u) => [u.id, u.name]));
    return {
      unions: unions.map((u) => ({ id: u.id, name: u.name })),
      representatives: representatives.map((r) => ({ ...r, orgName: unionName.get(r.orgId) ?? '' })),
    };
  }

  return {
    addressees,

    /** 提出诉求: to a representative or a union the worker may ask; its addressees are told. */
    async create(actor: Actor, input: NewRequest) {
      return db.transaction(async (tx) => {
        const home = await unionOf(actor, tx);
        const choices = await addressees(actor, tx);
        let to: { orgId: number; representativeUserId: number | null; representativeName: string | null };
        if (input.representativeUserId) {
          const rep = choices.representatives.find((r) => r.userId === input.representativeUserId);
          if (!rep) throw validationError([{ field: 'representativeUserId', reason: '只能向本工会或上级工会（至县级）的会员代表提出诉求' }]);
          to = { orgId: rep.orgId, representativeUserId: rep.userId, representativeName: rep.name };
        } else if (input.orgId) {
          if (!choices.unions.some((u) => u.id === input.orgId)) throw validationError([{ field: 'orgId', reason: '只能向本工会或上级工会（至县级）提出诉求' }]);
          to = { orgId: input.orgId, representativeUserId: null, representativeName: null };
        } else {
          throw validationError([{ field: 'representativeUserId', reason: '请选择向哪位会员代表或哪个工会提出诉求' }]);
        }
        const org = (await orgs.byId(to.orgId, tx))!;
        const [row] = await tx
          .insert(directLineRequests)
          .values({
            tenantId: org.tenantId,
            orgId: org.id,
            orgPath: org.path,
            state: 'open',
            workerUserId: actor.userId!,
            workerName: actor.displayName,
            workerOrgId: home.id,
            representativeUserId: to.representativeUserId,
            representativeName: to.representativeName,
            subject: input.subject,
            category: input.category,
            search: requestSearch(input.subject, input.text),
            ...stampedAt(now()),
          })
          .returning();
        await tx.insert(directLineMessages).values({ tenantId: row.tenantId, requestId: row.id, authorUserId: actor.userId!, authorName: actor.displayName, fromWorker: true, text: input.text, createdAt: row.createdAt });
        const record = await records.recordOf(row, tx);
        await workflow.start(tx, flow, actor, record, { subject: row.subject, to: to.representativeName ?? org.name });
        await recordAudit(tx, actor, {
          action: 'direct_line.create',
          entityType: 'direct_line',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `向${to.representativeName ? `会员代表 ${to.representativeName}` : org.name}提出诉求「${row.subject}」`,
          after: { subject: row.subject, category: row.category, representativeUserId: to.representativeUserId, orgId: org.id },
        });
        await notifications.notify(
          tx,
          record.addresseeUserIds.map((userId) => ({ userId, kind: 'direct-line', title: `${actor.displayName} 向您提出诉求「${row.subject}」`, body: input.text, link: `/direct-line/${row.id}` })),
        );
        return row.id;
      });
    },
  };
}

export type Asking = ReturnType<typeof createAsking>;
