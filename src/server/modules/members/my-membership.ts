import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { maskMobile, maskPersonName, parseMobile } from '../../platform/cn-ids.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { scopePaths } from '../../platform/scope.js';
import type { PhoneCodes } from '../../platform/sms/codes.js';
import { toneOf, type WorkflowEngine } from '../../platform/workflow/engine.js';
import { memberCardTokens } from './member-card.js';
import { membershipYears } from './member-since.js';
import { membershipRecord, type Memberships } from './memberships.js';
import { EMPLOYMENT_FORMS, joinApplications, MEMBERSHIP_STATUSES, memberships, persons, transfers } from './schema.js';
import { type TransferRequest, transferRecord, type Transfers } from './transfers.js';
import { JOIN_STATES, MEMBERSHIP_STATES, OPEN_STATUSES, TRANSFER_STATES } from './workflow.js';

/**
 * 我的会籍: a worker's own membership, on the phone. The worker's account
 * belongs to a person (Actor.personHash, users.person_hash); every read here
 * is that person's and nobody else's — no route takes a membership's id, so
 * there is nothing to try. What the worker may do on the record (update their
 * employment, withdraw their own transfer request) are transitions whose
 * relation `member` the workflows grant to the person (workflow.ts), so the
 * union reads them in the same history as its own changes.
 *
 * The electronic card (member-card.ts) is a signed token that staff scan; the
 * scan answers only whether it is valid, the masked name, the union and 会龄.
 */

/** Why a scanned card is not valid, in the words the scanning page shows. */
const CARD_REFUSALS = {
  malformed: '这不是连心电子会员证的二维码，请扫描会员“我的会籍”页面上的二维码',
  forged: '会员证二维码无效：不是本系统签发或已被篡改，请勿凭此办理',
  expired: '会员证二维码已过期（5 分钟内有效），请会员刷新页面后重新出示',
  ended: '该会员证对应的会籍已不在册（已转出、退会或终止），请会员到所在工会核实',
} as const;
export type CardRefusal = keyof typeof CARD_REFUSALS;

export function createMyMembership(
  ctx: { db: Db; orgs: Pick<OrgService, 'namesByIds'>; workflow: WorkflowEngine; today: () => string; secret: string; phoneCodes: Pick<PhoneCodes, 'request' | 'verify'> },
  parts: {
    memberships: Pick<Memberships, 'workflow' | 'currentMembershipOf'>;
    transfers: Pick<Transfers, 'workflow' | 'requestTransfer'>;
  },
) {
  const { db, orgs, workflow, today, phoneCodes } = ctx;
  const cards = memberCardTokens(ctx.secret);

  /**
   * The person the account belongs to. One that belongs to none (a staff account, a worker's not yet linked) has
   * no membership to show, and is told why in words of its own: nothing here is out of its reach.
   */
  function personOf(actor: Actor) {
    if (!actor.personHash) throw new AppError('NOT_FOUND', '您的账号尚未关联会员身份，请携带身份证到所在工会核实后关联', 'The account is linked to no member yet');
    return actor.personHash;
  }

  async function openMembership(actor: Actor, tx: Db = db) {
    const membership = await parts.memberships.currentMembershipOf(personOf(actor), tx);
    if (!membership) throw conflict('您目前没有在册的会籍', 'You hold no open membership');
    return membership;
  }

  return {
    /** 我的会籍: the open membership with its history, the earlier ones, my applications and transfers. */
    async mine(actor: Actor) {
      const personHash = personOf(actor);
      const [all, applications, moves] = await Promise.all([
        db.select().from(memberships).where(eq(memberships.personHash, personHash)).orderBy(desc(memberships.id)),
        db.select().from(joinApplications).where(eq(joinApplications.personHash, personHash)).orderBy(desc(joinApplications.createdAt)).limit(20),
        db.select().from(transfers).where(eq(transfers.personHash, personHash)).orderBy(desc(transfers.createdAt)).limit(20),
      ]);
      const current = all.find((m) => OPEN_STATUSES.includes(m.status)) ?? null;
      const names = await orgs.namesByIds([...all.map((m) => m.orgId), ...applications.map((a) => a.orgId), ...moves.flatMap((t) => [t.fromOrgId, t.toOrgId])]);
      const unionName = (id: number) => names.get(id) ?? '';
      const transferFlow = parts.transfers.workflow;
      return {
        name: all[0]?.name ?? applications[0]?.name ?? actor.displayName,
        membership: current && {
          id: current.id,
          cardNo: current.cardNo,
          status: current.status,
          statusLabel: MEMBERSHIP_STATUSES[current.status],
          tone: toneOf(MEMBERSHIP_STATES[current.status]),
          orgId: current.orgId,
          orgName: unionName(current.orgId),
          employmentForm: current.employmentForm,
          employmentFormLabel: EMPLOYMENT_FORMS[current.employmentForm],
          employerName: current.employerName,
          phoneMasked: current.phone ? maskMobile(current.phone) : null,
          employerCreditCode: current.employerCreditCode,
          platformName: current.platformName,
          joinedOn: current.joinedOn,
          memberSince: current.memberSince,
          years: membershipYears(current.memberSince, today()),
          allowedActions: workflow.allowedActions(parts.memberships.workflow, actor, membershipRecord(current)),
          history: await workflow.timeline(db, parts.memberships.workflow, current.tenantId, current.id),
        },
        previousMemberships: all
          .filter((m) => m !== current)
          .map((m) => ({
            id: m.id,
            orgName: unionName(m.orgId),
            cardNo: m.cardNo,
            status: m.status,
            statusLabel: MEMBERSHIP_STATUSES[m.status],
            tone: toneOf(MEMBERSHIP_STATES[m.status]),
            joinedOn: m.joinedOn,
            endedOn: m.endedOn,
            endReason: m.endReason,
          })),
        applications: applications.map((a) => ({
          id: a.id,
          orgName: unionName(a.orgId),
          state: a.state,
          stateLabel: JOIN_STATES[a.state].label,
          tone: toneOf(JOIN_STATES[a.state]),
          decisionReason: a.decisionReason,
          createdAt: a.createdAt,
        })),
        transfers: await Promise.all(
          moves.map(async (t) => ({
            id: t.id,
            state: t.state,
            stateLabel: TRANSFER_STATES[t.state].label,
            tone: toneOf(TRANSFER_STATES[t.state]),
            fromOrgName: unionName(t.fromOrgId),
            toOrgName: unionName(t.toOrgId),
            reason: t.reason,
            createdAt: t.createdAt,
            allowedActions: workflow.allowedActions(transferFlow, actor, transferRecord(t)),
            timeline: await workflow.timeline(db, transferFlow, t.tenantId, t.id),
          })),
        ),
      };
    },

    /** A fresh card token for the member's open membership (the page asks again before it expires). */
    async cardToken(actor: Actor) {
      const membership = await openMembership(actor);
      return cards.issue(membership);
    },

    /**
     * 扫码验证: any staff who serve members (members.verify_card, anywhere) check a card, across counties too —
     * a member is one union's member everywhere (一次入会). The answer names nothing but validity, the masked
     * name, the union and 会龄; each scan of a real card is in the member's union's audit log.
     */
    async verifyCard(actor: Actor, token: string) {
      if (scopePaths(actor, 'members.verify_card').length === 0) throw forbidden();
      const checked = cards.check(token);
      const refused = (reason: CardRefusal) => ({ valid: false as const, reason, message: CARD_REFUSALS[reason] });
      if (!checked.ok) return refused(checked.reason);
      return db.transaction(async (tx) => {
        const [membership] = await tx
          .select()
          .from(memberships)
          .where(and(eq(memberships.tenantId, checked.tenantId), eq(memberships.id, checked.membershipId)));
        if (!membership || !OPEN_STATUSES.includes(membership.status)) return refused('ended');
        const name = maskPersonName(membership.name);
        await recordAudit(tx, actor, {
          action: 'member.card_verified',
          entityType: 'membership',
          entityId: membership.id,
          tenantId: membership.tenantId,
          orgPath: membership.orgPath,
          summary: `扫码核验电子会员证「${name}」`,
        });
        const names = await orgs.namesByIds([membership.orgId], tx);
        return { valid: true as const, name, orgName: names.get(membership.orgId) ?? '', years: membershipYears(membership.memberSince, today()), expiresAt: checked.expiresAt };
      });
    },

    /**
     * 更换手机号, step one: a code to the new number. Not the number on record, and not one another member's
     * record holds (the answer does not say whose: a member cannot learn who else is one).
     */
    async requestPhoneCode(actor: Actor, phone: string, ip?: string) {
      const membership = await openMembership(actor);
      const mobile = parseMobile(phone);
      if (!mobile.ok) throw validationError([{ field: 'phone', reason: mobile.reason }]);
      if (mobile.mobile === membership.phone) throw validationError([{ field: 'phone', reason: '这就是您现在登记的手机号' }]);
      const [taken] = await db
        .select({ one: sql`1` })
        .from(persons)
        .where(and(eq(persons.phone, mobile.mobile), isNotNull(persons.openMembershipId), ne(persons.idHash, membership.personHash)))
        .limit(1);
      if (taken) throw validationError([{ field: 'phone', reason: '该手机号不能使用，请换一个号码；如有疑问请联系所在工会' }]);
      return phoneCodes.request({ phone: mobile.mobile, purpose: 'change_phone', ip, known: async () => true });
    },

    /** 更换手机号, step two: the code proves the new number; the record, the person and the history take it. */
    async changePhone(actor: Actor, input: { phone: string; code: string }) {
      await openMembership(actor);
      const mobile = await phoneCodes.verify(input.phone, 'change_phone', input.code);
      await db.transaction(async (tx) =>
        workflow.fire(tx, parts.memberships.workflow, actor, membershipRecord(await openMembership(actor, tx)), 'update_own_phone', { phone: mobile }, { system: true }),
      );
    },

    /** 更新就业信息 (and later steps the workflow grants the member): fired on the worker's open membership. */
    async actOnMine(actor: Actor, action: string, input: unknown) {
      await db.transaction(async (tx) => workflow.fire(tx, parts.memberships.workflow, actor, membershipRecord(await openMembership(actor, tx)), action, input));
    },

    /** 申请接转 from the phone: the existing transfer workflow, requested by the member. */
    async requestTransfer(actor: Actor, input: Omit<TransferRequest, 'membershipId' | 'residentId' | 'phone' | 'own'>, info: { ip?: string; idempotencyKey?: string }) {
      personOf(actor);
      return parts.transfers.requestTransfer(actor, { ...input, own: true }, info);
    },

    /** 撤回接转申请: only the worker's own transfers are found. */
    async actOnMyTransfer(actor: Actor, id: number, action: string, input: unknown) {
      const personHash = personOf(actor);
      await db.transaction(async (tx) => {
        const [transfer] = await tx
          .select()
          .from(transfers)
          .where(and(eq(transfers.id, id), eq(transfers.personHash, personHash)));
        if (!transfer) throw notFound('接转申请', 'transfer');
        await workflow.fire(tx, parts.transfers.workflow, actor, transferRecord(transfer), action, input);
      });
    },
  };
}

export type MyMembership = ReturnType<typeof createMyMembership>;
