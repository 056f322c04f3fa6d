import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { parseMobile, parseResidentId } from '../../platform/cn-ids.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { submitOnce } from '../../platform/idempotency.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { requireAt, requirePaths, scopeFilter } from '../../platform/scope.js';
import { stateOf, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { WorkerAccounts } from '../../platform/accounts/worker-accounts.js';
import { membershipRecord, type Memberships } from './memberships.js';
import { checkEmployment, type Employment, employmentOf, formIssues } from './person-fields.js';
import { memberships, persons, transfers } from './schema.js';
import type { MemberMessages } from './member-messages.js';
import { tellUnionStaff } from './staff-notices.js';
import { linkHolder, publicTimeline, trackingCode } from './tracking.js';
import type { Unions } from './unions.js';
import { OPEN_STATUSES, TRANSFER_STATES, transferWorkflow, type TransferRecord } from './workflow.js';

/**
 * 动态接转: a membership moving to another union, asked for by the member (phone
 * page), the union it leaves or the union it goes to; accepting it closes the
 * old membership and opens the new one in one transaction, across tenants too.
 */

export interface TransferRequest {
  membershipId?: number;
  residentId?: string;
  phone?: string;
  toOrgId: number;
  reason?: string;
  employment?: Employment;
  /** The worker's own open membership (我的会籍: the actor's person, Actor.personHash). */
  own?: boolean;
}

export const transferRecord = (t: typeof transfers.$inferSelect): TransferRecord => ({
  id: t.id,
  tenantId: t.tenantId,
  state: t.state,
  personHash: t.personHash,
  orgPath: t.fromOrgPath,
  fromOrgPath: t.fromOrgPath,
  toOrgPath: t.toOrgPath,
  trackingCode: t.trackingCode,
  requestedBy: t.requestedBy,
});

/**
 * Transfers the actor may see: from or to a union in the actor's scope. Unlike
 * the other tenant tables' lists this stays on `scopeFilter` (the GiST indexes
 * of both path copies): a transfer belongs to the source's tenant, and the
 * target's tenant (`to_tenant_id`) leads no index, so the tenant scope of the
 * receiving side would read the whole table; a county's transfers are a few
 * hundred a year.
 */
const transferScope = (actor: Actor, direction?: 'in' | 'out') => {
  const paths = requirePaths(actor, 'members.read');
  if (direction === 'in') return scopeFilter(transfers.toOrgPath, paths);
  if (direction === 'out') return scopeFilter(transfers.fromOrgPath, paths);
  return sql`(${scopeFilter(transfers.fromOrgPath, paths)} or ${scopeFilter(transfers.toOrgPath, paths)})`;
};

export function createTransfers(
  ctx: {
    db: Db;
    orgs: Pick<OrgService, 'namesByIds'>;
    workflow: WorkflowEngine;
    notifications: Pick<NotificationService, 'notify'>;
    cipher: PersonalDataCipher;
    workerAccounts: Pick<WorkerAccounts, 'followMembership'>;
  },
  parts: {
    memberships: Pick<Memberships, 'workflow' | 'openMembership' | 'currentMembershipOf' | 'findMembership'>;
    unions: Pick<Unions, 'memberHoldingUnion'>;
    messages: Pick<MemberMessages, 'transferStep'>;
  },
) {
  const { db, orgs, workflow, notifications, cipher } = ctx;
  const { openMembership, currentMembershipOf, findMembership } = parts.memberships;
  const { memberHoldingUnion } = parts.unions;

  /** The transfer's people and unions, as a notice names them. */
  async function describe(tx: Db, record: TransferRecord) {
    const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, record.tenantId), eq(transfers.id, record.id)));
    const names = await orgs.namesByIds([transfer.fromOrgId, transfer.toOrgId], tx);
    return { transfer, text: `${transfer.name} 由${names.get(transfer.fromOrgId) ?? ''}转至${names.get(transfer.toOrgId) ?? ''}` };
  }

  const transferFlow = transferWorkflow({
    async tellTarget({ tx, actor, record }) {
      const { transfer, text } = await describe(tx, record);
      await tellUnionStaff(notifications, tx, { path: transfer.toOrgPath, tenantId: transfer.toTenantId }, { title: '会员接转待接收', body: text, link: '/members/transfers?state=source_confirmed' }, actor.userId);
      await parts.messages.transferStep(tx, transfer, '原工会已同意转出，待新工会接收');
    },
    async tellRefusal({ tx, record, input }) {
      const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, record.tenantId), eq(transfers.id, record.id)));
      await parts.messages.transferStep(tx, transfer, `未通过，原因：${input.reason}`);
    },
    async move({ tx, actor, record, fire }) {
      const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, record.tenantId), eq(transfers.id, record.id)));
      const [old] = await tx.select().from(memberships).where(and(eq(memberships.tenantId, transfer.tenantId), eq(memberships.id, transfer.membershipId)));
      if (!old || !OPEN_STATUSES.includes(old.status)) throw conflict('原会籍已终止，接转无法完成', 'The source membership is closed');
      const target = await memberHoldingUnion(transfer.toOrgId, 'toOrgId', tx);
      // The old membership first (its own transition, caused by this one), then the new one.
      await fire(parts.memberships.workflow, membershipRecord(old), 'transfer_out', { transferId: transfer.id, toOrgId: target.id });
      const [person] = await tx.select().from(persons).where(eq(persons.idHash, old.personHash));
      const employment = (transfer.employment as Employment | null) ?? old;
      const created = await openMembership(
        tx,
        actor,
        {
          org: target,
          idHash: old.personHash,
          idCipher: person.idCipher,
          idMasked: old.idMasked,
          name: old.name,
          sex: old.sex,
          birthDate: old.birthDate,
          phone: old.phone,
          employment: employmentOf(employment),
          source: 'transfer',
          replacing: { tenantId: old.tenantId, id: old.id },
        },
        fire,
      );
      await tx.update(transfers).set({ newMembershipId: created.id }).where(and(eq(transfers.tenantId, transfer.tenantId), eq(transfers.id, transfer.id)));
      // Their own account goes with them: the phone pages, messages and to-dos are the new union's now.
      await ctx.workerAccounts.followMembership(tx, actor, old.personHash, target);
      await parts.messages.transferStep(tx, transfer, `已完成，会员证号${created.cardNo}，会龄连续计算`);
    },
  });

  /** The open membership of the person with this resident ID, if any (400 for a malformed one). */
  async function openMembershipOf(residentId: string | undefined, tx: Db) {
    const id = parseResidentId(residentId ?? '');
    if (!id.ok) throw validationError([{ field: 'residentId', reason: id.reason }]);
    return currentMembershipOf(cipher.hashResidentId(id.id), tx);
  }

  /** The person a member's own request speaks for (signed in, or by the ID number typed); null for staff or a malformed ID. */
  function memberAsking(actor: Actor | null, input: TransferRequest) {
    if (actor) return input.own ? (actor.personHash ?? null) : null;
    const id = parseResidentId(input.residentId ?? '');
    return id.ok ? cipher.hashResidentId(id.id) : null;
  }

  return {
    workflow: transferFlow,

    /**
     * Ask to move a membership to another union: by the member (signed in, or
     * identified by ID number and phone on the phone page) or by staff of either union.
     * With `idempotencyKey` (the member's phone's key for this submission), a resend
     * returns the transfer the first one asked for instead of asking again.
     */
    async requestTransfer(actor: Actor | null, input: TransferRequest, info: { ip?: string; idempotencyKey?: string }) {
      /** The transfer this key asked for, if any: the same person's to the same union, or the key was misused. */
      const earlier = async (key: string, tx: Db) => {
        const [transfer] = await tx
          .select({ id: transfers.id, tenantId: transfers.tenantId, trackingCode: transfers.trackingCode, personHash: transfers.personHash, toOrgId: transfers.toOrgId })
          .from(transfers)
          .where(eq(transfers.idempotencyKey, key));
        if (!transfer) return null;
        const requester = memberAsking(actor, input);
        return {
          answer: { id: transfer.id, tenantId: transfer.tenantId, trackingCode: transfer.trackingCode },
          sameSubmission: transfer.toOrgId === input.toOrgId && requester !== null && transfer.personHash.equals(requester),
        };
      };
      return submitOnce(db, info.idempotencyKey, {
        earlier,
        submit: async (tx) => {
          let membership: typeof memberships.$inferSelect | null;
          let requestedBy: 'member' | 'source' | 'target';
          if (actor && input.own) {
            membership = actor.personHash ? await currentMembershipOf(actor.personHash, tx) : null;
            if (!membership) throw conflict('您目前没有在册的会籍，不能申请接转', 'You hold no open membership');
            requestedBy = 'member';
          } else if (actor && input.membershipId) {
            membership = await findMembership(actor, input.membershipId, tx);
            requireAt(actor, 'members.manage', membership.orgPath);
            requestedBy = 'source';
          } else if (actor) {
            // The receiving union knows the newcomer by ID number.
            membership = await openMembershipOf(input.residentId, tx);
            if (!membership) throw notFound('在册会籍（此人目前不是工会会员，请办理入会）', 'open membership');
            requestedBy = 'target';
          } else {
            membership = await openMembershipOf(input.residentId, tx);
            const phone = parseMobile(input.phone ?? '');
            // One answer for "no such member" and "wrong phone": the page must not confirm who is a member.
            if (!membership || !phone.ok || membership.phone !== phone.mobile) throw notFound('会员信息（身份证号与手机号不匹配）', 'membership');
            requestedBy = 'member';
          }
          if (!OPEN_STATUSES.includes(membership.status)) throw conflict('该会籍已终止，不能接转', 'The membership is closed');
          const target = await memberHoldingUnion(input.toOrgId, 'toOrgId', tx);
          if (target.id === membership.orgId) throw validationError([{ field: 'toOrgId', reason: '转入工会与当前所在工会相同' }]);
          if (actor && requestedBy === 'target') requireAt(actor, 'members.manage', target.path);
          const checked = input.employment ? checkEmployment(input.employment, true) : null;
          if (checked?.issues.length) throw validationError(formIssues(checked.issues));
          const [open] = await tx
            .select({ id: transfers.id })
            .from(transfers)
            .where(and(eq(transfers.tenantId, membership.tenantId), eq(transfers.membershipId, membership.id), inArray(transfers.state, ['requested', 'source_confirmed'])));
          if (open) throw conflict('已有一份办理中的接转申请', 'A transfer is already in progress');
          const [transfer] = await tx
            .insert(transfers)
            .values({
              tenantId: membership.tenantId,
              membershipId: membership.id,
              personHash: membership.personHash,
              name: membership.name,
              idMasked: membership.idMasked,
              fromOrgId: membership.orgId,
              fromOrgPath: membership.orgPath,
              toOrgId: target.id,
              toOrgPath: target.path,
              toTenantId: target.tenantId,
              state: 'requested',
              requestedBy,
              trackingCode: trackingCode(),
              reason: input.reason?.trim() || null,
              employment: checked?.employment ?? null,
              idempotencyKey: info.idempotencyKey ?? null,
            })
            .returning();
          const requester = actor ?? linkHolder('member', membership.name, transfer.trackingCode, info.ip);
          await workflow.start(tx, transferFlow, requester, transferRecord(transfer), { toOrgId: target.id, reason: transfer.reason });
          const { text } = await describe(tx, transferRecord(transfer));
          await tellUnionStaff(notifications, tx, { path: transfer.fromOrgPath, tenantId: transfer.tenantId }, { title: '会员接转待确认转出', body: text, link: '/members/transfers?state=requested' }, actor?.userId);
          return { id: transfer.id, tenantId: transfer.tenantId, trackingCode: transfer.trackingCode };
        },
      });
    },

    async listTransfers(actor: Actor, query: { direction?: 'in' | 'out'; state?: TransferRecord['state']; page: number; pageSize: number }) {
      const filters: SQL[] = [transferScope(actor, query.direction)];
      if (query.state) filters.push(eq(transfers.state, query.state));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(transfers).where(where).orderBy(desc(transfers.createdAt), desc(transfers.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(transfers).where(where),
      ]);
      const names = await orgs.namesByIds(rows.flatMap((t) => [t.fromOrgId, t.toOrgId]));
      return {
        items: rows.map((t) => ({
          id: t.id,
          state: t.state,
          stateLabel: TRANSFER_STATES[t.state].label,
          name: t.name,
          idMasked: t.idMasked,
          membershipId: t.membershipId,
          fromOrgName: names.get(t.fromOrgId) ?? '',
          toOrgName: names.get(t.toOrgId) ?? '',
          requestedBy: t.requestedBy,
          reason: t.reason,
          createdAt: t.createdAt,
          allowedActions: workflow.allowedActions(transferFlow, actor, transferRecord(t)),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Fire a transfer action; `accept` closes the old membership and opens the new one in the same transaction. */
    async actOnTransfer(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const [transfer] = await tx
          .select()
          .from(transfers)
          .where(and(eq(transfers.id, id), transferScope(actor)));
        if (!transfer) throw notFound('接转申请', 'transfer');
        await workflow.fire(tx, transferFlow, actor, transferRecord(transfer), action, input);
      });
    },

    async transferByTracking(tenantId: number, code: string) {
      const [transfer] = await db.select().from(transfers).where(and(eq(transfers.tenantId, tenantId), eq(transfers.trackingCode, code)));
      if (!transfer) throw notFound('接转申请', 'transfer');
      const names = await orgs.namesByIds([transfer.fromOrgId, transfer.toOrgId]);
      return {
        state: transfer.state,
        ...stateOf(TRANSFER_STATES, transfer.state),
        name: transfer.name,
        fromOrgName: names.get(transfer.fromOrgId) ?? '',
        toOrgName: names.get(transfer.toOrgId) ?? '',
        timeline: publicTimeline(await workflow.timeline(db, transferFlow, tenantId, transfer.id)),
        canCancel: workflow.allowedActions(transferFlow, linkHolder('member', transfer.name, code), transferRecord(transfer)).some((a) => a.action === 'cancel'),
      };
    },

    async cancelTransferByTracking(tenantId: number, code: string, info: { ip?: string }) {
      await db.transaction(async (tx) => {
        const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, tenantId), eq(transfers.trackingCode, code)));
        if (!transfer) throw notFound('接转申请', 'transfer');
        const member = linkHolder('member', transfer.name, code, info.ip);
        await workflow.fire(tx, transferFlow, member, transferRecord(transfer), 'cancel', undefined);
      });
    },
  };
}

export type Transfers = ReturnType<typeof createTransfers>;
