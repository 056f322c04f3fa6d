import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stampedAt } from '../../db/columns.js';
import { users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgRow, OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths } from '../../platform/scope.js';
import { searchTokens, searchVector } from '../../platform/search-tokens.js';
import { statesWith, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { Congress } from './congress.js';
import type { ProposalRecords, ProposalRow } from './records.js';
import { type ProposalField, proposalCosigners, proposals } from './schema.js';
import { PROPOSAL_STATES, type ProposalWorkflow } from './workflow.js';

/**
 * A proposal before the review group takes it up: the representative drafts
 * and edits it, other representatives co-sign (附议); and every step of the
 * loop, fired through the engine on the proposal as the actor may see it.
 */

export interface ProposalText {
  title: string;
  field: ProposalField;
  reasons: string;
  suggestions: string;
}
/** The worker whose request started it: an account (who then follows and rates it), or only a name. */
export interface ProposalWorker {
  workerUserId?: number | null;
  workerName?: string | null;
}
export interface NewProposal extends ProposalText, ProposalWorker {
  orgId?: number;
  /** A motion of this workers' congress session (职代会提案). */
  congressSessionId?: number | null;
}
export type ProposalChanges = Partial<ProposalText> & ProposalWorker & { version: number };

const EDITABLE = statesWith(PROPOSAL_STATES, 'editable');
const COSIGNABLE = statesWith(PROPOSAL_STATES, 'cosignable');

/** The search document of a proposal: its title, reasons and suggestions (words, characters, bigrams). */
const searchOf = (text: ProposalText) => searchVector(searchTokens(text.title, text.reasons, text.suggestions)) as unknown as string;

/** The state's own word for "this cannot happen now". */
const notNow = (row: ProposalRow, what: string) =>
  new AppError('INVALID_TRANSITION', `提案当前为「${PROPOSAL_STATES[row.state].label}」，不能${what}`, `The proposal cannot be changed so in state ${row.state}`);

export function createDrafting(
  ctx: { db: Db; orgs: Pick<OrgService, 'byId'>; workflow: WorkflowEngine; notifications: Pick<NotificationService, 'notify'>; now: () => Date },
  parts: { flow: ProposalWorkflow; records: Pick<ProposalRecords, 'find' | 'recordOf'>; congress: Pick<Congress, 'forDraft'> },
) {
  const { db, orgs, workflow, notifications, now } = ctx;
  const { flow } = parts;
  const { find, recordOf } = parts.records;

  /** The union the proposal is raised at: the one given, or the one where the actor is a representative. */
  async function unionOf(actor: Actor, orgId: number | undefined, tx: Db): Promise<OrgRow> {
    const paths = requirePaths(actor, 'proposals.submit');
    if (orgId === undefined) {
      const grants = actor.grants.filter((g) => paths.includes(g.orgPath));
      if (new Set(grants.map((g) => g.orgId)).size > 1) throw validationError([{ field: 'orgId', reason: '您在多个工会担任会员代表，请选择提案所在的工会' }]);
      orgId = grants[0].orgId;
    }
    const org = await orgs.byId(orgId, tx);
    if (!org || !canAt(actor, 'proposals.submit', org.path)) throw notFound('工会', 'union');
    if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
    return org;
  }

  /** The worker: an active account of the union or a union below it (named as the account is), or a name alone. */
  async function workerOf(worker: ProposalWorker, orgPath: string, tx: Db) {
    if (!worker.workerUserId) return { workerUserId: null, workerName: worker.workerName ?? null };
    const [user] = await tx
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .innerJoin(orgTable, eq(orgTable.id, users.homeOrgId))
      .where(and(eq(users.id, worker.workerUserId), eq(users.active, true), sql`${orgTable.path} <@ ${orgPath}::ltree`));
    if (!user) throw validationError([{ field: 'workerUserId', reason: '找不到该职工的账号（须是本工会或下属工会的职工）' }]);
    return { workerUserId: user.id, workerName: user.displayName };
  }

  return {
    /** 起草提案: a draft only its submitter sees until it is submitted (in `outer`'s transaction when given: 零距离 drafts one so). */
    async create(actor: Actor, input: NewProposal, outer: Db = db) {
      return outer.transaction(async (tx) => {
        const org = await unionOf(actor, input.orgId, tx);
        const worker = await workerOf(input, org.path, tx);
        const session = input.congressSessionId ? await parts.congress.forDraft(tx, org, input.congressSessionId) : null;
        const text = { title: input.title, field: input.field, reasons: input.reasons, suggestions: input.suggestions };
        const [row] = await tx
          .insert(proposals)
          .values({
            tenantId: org.tenantId,
            orgId: org.id,
            orgPath: org.path,
            state: 'draft',
            ...text,
            ...worker,
            congressSessionId: session?.id ?? null,
            submitterUserId: actor.userId!,
            submitterName: actor.displayName,
            search: searchOf(text),
            ...stampedAt(now()),
          })
          .returning();
        await workflow.start(tx, flow, actor, await recordOf(row, tx), { title: row.title, orgId: org.id });
        await recordAudit(tx, actor, {
          action: 'proposal.create',
          entityType: 'proposal',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `起草提案「${row.title}」（${org.name}${session ? `，${session.name}` : ''}）`,
          after: { ...text, ...worker, congressSessionId: row.congressSessionId },
        });
        return row.id;
      });
    },

    /**
     * 零距离: a request is linked to a proposal its representative has already raised. Only the submitter
     * links, and the worker then follows it (as `worker`); a proposal raised for another worker stays theirs.
     */
    async adopt(actor: Actor, id: number, workerUserId: number, tx: Db) {
      const row = await find(actor, id, tx, { lock: true });
      if (actor.userId !== row.submitterUserId) throw validationError([{ field: 'proposalId', reason: '只能关联您本人提出的提案' }]);
      if (row.workerUserId === workerUserId) return;
      if (row.workerUserId !== null) throw validationError([{ field: 'proposalId', reason: '该提案已为另一位职工的诉求提出，请起草新提案' }]);
      const worker = await workerOf({ workerUserId }, row.orgPath, tx);
      await tx.update(proposals).set({ ...worker, updatedAt: now() }).where(and(eq(proposals.tenantId, row.tenantId), eq(proposals.id, row.id)));
      await recordAudit(tx, actor, {
        action: 'proposal.update',
        entityType: 'proposal',
        entityId: row.id,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        summary: `提案「${row.title}」关联职工 ${worker.workerName} 的零距离诉求`,
        before: { workerUserId: null },
        after: worker,
      });
    },

    /** 修改: the submitter, while the state is `editable`, from the version they read. */
    async edit(actor: Actor, id: number, changes: ProposalChanges) {
      await db.transaction(async (tx) => {
        const row = await find(actor, id, tx, { lock: true });
        if (actor.userId !== row.submitterUserId) throw forbidden('只有提案人可以修改提案', 'Only the submitter may edit the proposal');
        if (!EDITABLE.includes(row.state)) throw notNow(row, '修改');
        if (row.version !== changes.version) throw conflict('提案已被修改，请刷新后再改', 'The proposal was changed meanwhile; reload it');
        const text = {
          title: changes.title ?? row.title,
          field: changes.field ?? row.field,
          reasons: changes.reasons ?? row.reasons,
          suggestions: changes.suggestions ?? row.suggestions,
        };
        const workerChanged = changes.workerUserId !== undefined || changes.workerName !== undefined;
        const worker = workerChanged
          ? await workerOf(
              { workerUserId: changes.workerUserId !== undefined ? changes.workerUserId : row.workerUserId, workerName: changes.workerName !== undefined ? changes.workerName : row.workerName },
              row.orgPath,
              tx,
            )
          : { workerUserId: row.workerUserId, workerName: row.workerName };
        await tx
          .update(proposals)
          .set({ ...text, ...worker, search: searchOf(text), version: row.version + 1, updatedAt: now() })
          .where(and(eq(proposals.tenantId, row.tenantId), eq(proposals.id, row.id)));
        await recordAudit(tx, actor, {
          action: 'proposal.update',
          entityType: 'proposal',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `修改提案「${text.title}」`,
          before: { title: row.title, field: row.field, reasons: row.reasons, suggestions: row.suggestions, workerUserId: row.workerUserId, workerName: row.workerName },
          after: { ...text, ...worker },
        });
      });
    },

    /** 附议: a representative of the union, not the submitter, once, while the state is `cosignable`. */
    async cosign(actor: Actor, id: number) {
      await db.transaction(async (tx) => {
        const row = await find(actor, id, tx, { lock: true });
        if (!COSIGNABLE.includes(row.state)) throw notNow(row, '附议');
        if (!canAt(actor, 'proposals.submit', row.orgPath)) throw forbidden('只有本工会的会员代表可以附议', 'Only representatives of the union may co-sign');
        if (actor.userId === row.submitterUserId) throw conflict('提案人不能附议自己的提案', 'The submitter cannot co-sign');
        const [added] = await tx
          .insert(proposalCosigners)
          .values({ tenantId: row.tenantId, proposalId: row.id, userId: actor.userId!, name: actor.displayName, createdAt: now() })
          .onConflictDoNothing()
          .returning();
        if (!added) throw conflict('您已附议过这件提案，每位代表只能附议一次', 'You have co-signed this proposal already');
        await tx.update(proposals).set({ updatedAt: now() }).where(and(eq(proposals.tenantId, row.tenantId), eq(proposals.id, row.id)));
        await recordAudit(tx, actor, { action: 'proposal.cosign', entityType: 'proposal', entityId: row.id, tenantId: row.tenantId, orgPath: row.orgPath, summary: `附议提案「${row.title}」` });
        await notifications.notify(tx, [{ userId: row.submitterUserId, kind: 'proposal', title: `${actor.displayName} 附议了您的提案「${row.title}」`, link: `/proposals/${row.id}` }]);
      });
    },

    /** Any step of the loop: the engine decides whether the actor may, and what follows. */
    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const row = await find(actor, id, tx, { lock: true });
        await workflow.fire(tx, flow, actor, await recordOf(row, tx), action, input);
      });
    },

    /** Whether the actor may edit and co-sign (not workflow transitions: the detail says so, the page never guesses). */
    abilities(actor: Actor, row: ProposalRow, cosignerUserIds: readonly number[]) {
      const isSubmitter = actor.userId === row.submitterUserId;
      return {
        canEdit: isSubmitter && EDITABLE.includes(row.state),
        canCosign:
          COSIGNABLE.includes(row.state) &&
          !isSubmitter &&
          actor.userId !== null &&
          !cosignerUserIds.includes(actor.userId) &&
          canAt(actor, 'proposals.submit', row.orgPath),
      };
    },
  };
}

export type Drafting = ReturnType<typeof createDrafting>;
