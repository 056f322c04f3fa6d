import { and, count, desc, eq, not, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { maskResidentId, parseResidentId } from '../../platform/cn-ids.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { submitOnce } from '../../platform/idempotency.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { canAt, requirePaths, tenantScope } from '../../platform/scope.js';
import { type NestedFire, stateOf, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgRow, OrgService } from '../../platform/org-tree/service.js';
import { phoneFor } from './disclosure.js';
import type { MemberMessages } from './member-messages.js';
import { tellUnionStaff } from './staff-notices.js';
import { AlreadyMember, type Memberships, systemFire } from './memberships.js';
import { type Employment, employmentOf, formIssues, joiningIssues } from './person-fields.js';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice.js';
import { EMPLOYMENT_FORMS, joinApplications, MEMBERSHIP_SOURCES, MEMBERSHIP_STATUSES, type MembershipSource, memberships, persons } from './schema.js';
import { linkHolder, publicTimeline, trackingCode } from './tracking.js';
import type { Unions } from './unions.js';
import { JOIN_STATES, JOINED_ELSEWHERE, joinedElsewhere, type JoinedElsewhere, joinWorkflow, type JoinRecord } from './workflow.js';

/**
 * Joining: the join page's application and its workflow (approval opens the
 * membership), the staff's decisions, a staff entry at the union's desk, and
 * the closing of a person's pending applications once they are a member by
 * any way.
 */

/** Who joins which union, as the join page and the desk's form both take it. */
interface Joiner extends Employment {
  orgId: number;
  name: string;
  residentId: string;
  phone: string;
}

export interface JoinInput extends Joiner {
  /** Agreed to the notice as a whole (privacy-notice.ts). */
  consent: boolean;
  /** Separately agreed to the processing of the resident ID (PIPL art. 29). */
  sensitiveConsent: boolean;
  /** The version of the notice the page showed. */
  consentVersion: string;
}

/** 随入随录: a person who joined at the union's desk, entered by staff from the paper form. */
export interface AddMemberInput extends Joiner {
  /** The union's date of approval; today when not given. */
  joinedOn?: string;
  /** Staff confirm the person signed the form's consent to the join notice, the resident ID's separate consent included. */
  consentOnPaper: true;
}

type MembershipRow = typeof memberships.$inferSelect;

/** The membership a closed application's applicant holds instead (see joinedMemberships). */
interface JoinedMembership {
  source: MembershipSource;
  orgId: number;
  orgName: string;
  orgPath: string;
  cardNo: string;
}

const applicationRecord = (a: typeof joinApplications.$inferSelect): JoinRecord => ({ id: a.id, tenantId: a.tenantId, state: a.state, orgPath: a.orgPath, trackingCode: a.trackingCode });

/**
 * The public join form's one answer for "this person cannot apply here now" (a member already, here or
 * elsewhere, or an application pending): whoever typed an ID number learns neither whether nor where its
 * holder is a member (DESIGN §3.1), only what to do next.
 */
const cannotApplyOnline = () =>
  new AppError(
    'CONFLICT',
    '此身份证号的入会申请暂时无法在线受理。如您已提交过申请，请通过提交后保存的查询链接查看进度，或在入会页用手机号验证码找回；如您已是工会会员并更换了单位，请申请会员接转（须核对登记的手机号），会龄连续计算；其他情况请联系工会。',
    'This application cannot be taken online; see your saved tracking link, request a transfer, or ask the union',
    [{ field: 'residentId', reason: 'CANNOT_APPLY_ONLINE' }],
  );

/** A closed application's reason: which way the person joined, and the union where the reader may see it. */
const joinedElsewhereReason = (joined: JoinedMembership, namesUnion: boolean) =>
  `${JOINED_ELSEWHERE.reason}（${MEMBERSHIP_SOURCES[joined.source]}，${namesUnion ? `「${joined.orgName}」` : '其他工会'}）`;

export function createApplications(
  ctx: {
    db: Db;
    orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
    workflow: WorkflowEngine;
    notifications: Pick<NotificationService, 'notify'>;
    cipher: PersonalDataCipher;
    today: () => string;
  },
  parts: {
    memberships: Pick<Memberships, 'openMembership' | 'currentMembershipOf'>;
    unions: Pick<Unions, 'memberHoldingUnion' | 'managedUnion'>;
    messages: Pick<MemberMessages, 'applicationReceived' | 'applicationApproved' | 'applicationRejected'>;
  },
) {
  const { db, orgs, workflow, notifications, cipher, today } = ctx;
  const { openMembership, currentMembershipOf } = parts.memberships;
  const { memberHoldingUnion, managedUnion } = parts.unions;
  const { messages } = parts;

  const joinFlow = joinWorkflow({
    async openMembership({ tx, actor, record, system, fire }) {
      const [application] = await tx.select().from(joinApplications).where(and(eq(joinApplications.tenantId, record.tenantId), eq(joinApplications.id, record.id)));
      const org = await memberHoldingUnion(application.orgId, 'orgId', tx);
      const id = parseResidentId(cipher.decrypt(application.idCipher));
      if (!id.ok) throw validationError([{ field: 'residentId', reason: id.reason }]);
      const membership = await openMembership(
        tx,
        actor,
        {
          org,
          idHash: application.personHash,
          idCipher: application.idCipher,
          idMasked: application.idMasked,
          name: application.name,
          sex: id.sex,
          birthDate: id.birthDate,
          phone: application.phone,
          employment: employmentOf(application),
          source: 'online',
          approving: { tenantId: application.tenantId, id: application.id },
        },
        fire,
      );
      await tx
        .update(joinApplications)
        .set({ membershipId: membership.id, autoApproved: system })
        .where(and(eq(joinApplications.tenantId, record.tenantId), eq(joinApplications.id, record.id)));
      await messages.applicationApproved(tx, application, membership.cardNo);
    },
    async keepReason({ tx, record, input }) {
      const [application] = await tx
        .update(joinApplications)
        .set({ decisionReason: input.reason })
        .where(and(eq(joinApplications.tenantId, record.tenantId), eq(joinApplications.id, record.id)))
        .returning();
      await messages.applicationRejected(tx, application, input.reason);
    },
  });

  /** The actor's members.read scope over applications (scope.ts tenantScope: the tenant, then the union's path). */
  const applicationScope = (actor: Actor, tx: Db = db) => tenantScope(actor, 'members.read', joinApplications, (path) => orgs.tenantIdsWithin(path, tx));

  /**
   * A member has nothing left to apply for: the person's pending applications (but the one being approved)
   * close through the engine, so the progress page says they are a member and nobody approves them again.
   * Locked first, after the person row (the order every join takes): one the applicant cancels meanwhile
   * is skipped.
   */
  async function closePendingApplications(tx: Db, membership: MembershipRow, fire: NestedFire, approving?: { tenantId: number; id: number }) {
    const pending = await tx
      .select()
      .from(joinApplications)
      .where(
        and(
          eq(joinApplications.personHash, membership.personHash),
          eq(joinApplications.state, 'pending'),
          approving && not(and(eq(joinApplications.tenantId, approving.tenantId), eq(joinApplications.id, approving.id))!),
        ),
      )
      .for('update');
    const joined: JoinedElsewhere = { reason: JOINED_ELSEWHERE.reason, source: membership.source, orgId: membership.orgId, tenantId: membership.tenantId, membershipId: membership.id };
    // A system transition: the applications may lie outside the actor's scope (another county).
    for (const application of pending) await fire(joinFlow, applicationRecord(application), JOINED_ELSEWHERE.action, joined);
  }

  /** A staff entry of someone who is a member already: where, if the actor may see it, and the way forward. */
  async function alreadyMemberConflict(actor: Actor, current: MembershipRow, org: OrgRow, tx: Db) {
    let message: string;
    let messageEn: string;
    if (current.orgId === org.id) {
      message = `此人已是「${org.name}」的会员（${MEMBERSHIP_STATUSES[current.status]}，会员证号 ${current.cardNo}），无需重复登记`;
      messageEn = 'Already a member of this union';
    } else {
      const where = canAt(actor, 'members.read', current.orgPath) ? `「${(await orgs.namesByIds([current.orgId], tx)).get(current.orgId)}」` : '其他工会';
      message = `此人已是${where}的会员，一人同一时间只能在一个工会。如已到本单位工作，请办理会员接转，会龄连续计算`;
      messageEn = 'Already a member of another union; transfer the membership instead';
    }
    return new AppError('CONFLICT', message, messageEn, [{ field: 'residentId', reason: message }]);
  }

  /**
   * Where the applicants of closed applications became members: the membership each closing entry names,
   * with its union (name, and path for the viewer's scope) and card number; by application id.
   */
  async function joinedMemberships(closings: { applicationId: number; payload: unknown }[], tx: Db = db) {
    const named = closings.flatMap(({ applicationId, payload }) => {
      const parsed = joinedElsewhere.safeParse(payload);
      return parsed.success ? [{ applicationId, ...parsed.data }] : [];
    });
    if (named.length === 0) return new Map<number, JoinedMembership>();
    const rows = await tx
      .select({ tenantId: memberships.tenantId, id: memberships.id, orgId: memberships.orgId, orgPath: memberships.orgPath, cardNo: memberships.cardNo })
      .from(memberships)
      .where(or(...named.map((j) => and(eq(memberships.tenantId, j.tenantId), eq(memberships.id, j.membershipId)))));
    const names = await orgs.namesByIds(rows.map((r) => r.orgId), tx);
    const byKey = new Map(rows.map((r) => [`${r.tenantId}:${r.id}`, r]));
    return new Map(
      named.flatMap((j): [number, JoinedMembership][] => {
        const m = byKey.get(`${j.tenantId}:${j.membershipId}`);
        return m ? [[j.applicationId, { source: j.source, orgId: m.orgId, orgName: names.get(m.orgId) ?? '', orgPath: m.orgPath, cardNo: m.cardNo }]] : [];
      }),
    );
  }

  return {
    workflow: joinFlow,
    closePendingApplications,

    /**
     * 一键入会. A person already in a union is told so and offered a transfer instead. With `idempotencyKey`
     * (the phone's key for this submission), a resend — the phone's outbox after a lost answer, a double
     * tap — returns the application the first one made instead of making another or answering "pending".
     */
    async apply(input: JoinInput, info: { ip?: string; idempotencyKey?: string }) {
      const day = today();
      const checked = joiningIssues(input, { today: day, joinedOn: day });
      const issues = formIssues(checked.issues);
      if (!input.consent) issues.push({ field: 'consent', reason: '须阅读并同意个人信息处理规则后才能提交' });
      if (!input.sensitiveConsent) issues.push({ field: 'sensitiveConsent', reason: '须单独同意处理身份证号后才能在线提交；不同意的，可到工会当面办理入会' });
      if (issues.length) throw validationError(issues);
      // What was agreed to is what the page showed: a notice changed since must be read (and agreed to) again.
      if (input.consentVersion !== PRIVACY_NOTICE_VERSION) {
        throw new AppError('CONFLICT', '个人信息处理规则已更新，请阅读新版本并重新勾选同意后再提交', 'The privacy notice has changed; read and agree to the new version', [
          { field: 'consentVersion', reason: 'NOTICE_CHANGED' },
        ]);
      }
      const { joiner } = checked;
      const id = joiner.id!;
      const idHash = cipher.hashResidentId(id.id);
      /** The application this key made, if any: the same person's at the same union, or the key was misused. */
      const earlier = async (key: string, tx: Db) => {
        const { tenantId } = await memberHoldingUnion(input.orgId, 'orgId', tx);
        const [application] = await tx
          .select({ trackingCode: joinApplications.trackingCode, tenantId: joinApplications.tenantId, orgId: joinApplications.orgId, personHash: joinApplications.personHash })
          .from(joinApplications)
          .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.idempotencyKey, key)));
        if (!application) return null;
        return {
          answer: { trackingCode: application.trackingCode, tenantId: application.tenantId },
          sameSubmission: application.orgId === input.orgId && application.personHash.equals(idHash),
        };
      };
      return submitOnce(db, info.idempotencyKey, {
        earlier,
        submit: async (tx) => {
          const org = await memberHoldingUnion(input.orgId, 'orgId', tx);
          const current = await currentMembershipOf(idHash, tx);
          const [pending] = current
            ? []
            : await tx
                .select({ id: joinApplications.id })
                .from(joinApplications)
                .where(and(eq(joinApplications.tenantId, org.tenantId), eq(joinApplications.personHash, idHash), eq(joinApplications.state, 'pending')));
          if (current || pending) throw cannotApplyOnline();
          const [application] = await tx
            .insert(joinApplications)
            .values({
              tenantId: org.tenantId,
              orgId: org.id,
              orgPath: org.path,
              state: 'pending',
              trackingCode: trackingCode(),
              personHash: idHash,
              idCipher: cipher.encrypt(id.id),
              idMasked: maskResidentId(id.id),
              name: joiner.name,
              phone: joiner.phone!,
              ...joiner.employment,
              consentVersion: PRIVACY_NOTICE_VERSION,
              consentAt: new Date(),
              ip: info.ip ?? null,
              idempotencyKey: info.idempotencyKey ?? null,
            })
            .returning();
          const applicant = linkHolder('applicant', joiner.name, application.trackingCode, info.ip);
          await workflow.start(tx, joinFlow, applicant, applicationRecord(application), { orgId: org.id, employmentForm: joiner.employment.employmentForm });
          if (org.autoApproveJoins) {
            // The union chose to approve every application: the system approves as the union's staff, at that union only.
            const system: Actor = {
              ...applicant,
              displayName: '系统（自动批准）',
              trackingCode: undefined,
              grants: [{ id: 0, role: 'union_staff', orgId: org.id, orgName: org.name, orgPath: org.path, tenantId: org.tenantId }],
            };
            await workflow.fire(tx, joinFlow, system, applicationRecord(application), 'approve', undefined, { system: true });
          } else {
            await tellUnionStaff(notifications, tx, org, {
              title: '新的入会申请',
              body: `${joiner.name} 申请加入${org.name}（${EMPLOYMENT_FORMS[joiner.employment.employmentForm]}）`,
              link: '/members/applications?state=pending',
            });
            await messages.applicationReceived(tx, application);
          }
          return { trackingCode: application.trackingCode, tenantId: application.tenantId };
        },
      });
    },

    async applicationByTracking(tenantId: number, code: string) {
      const [application] = await db
        .select()
        .from(joinApplications)
        .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.trackingCode, code)));
      if (!application) throw notFound('入会申请', 'application');
      const org = await orgs.byId(application.orgId);
      const membership = application.membershipId
        ? (await db.select({ cardNo: memberships.cardNo }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, application.membershipId))))[0]
        : undefined;
      const timeline = await workflow.timeline(db, joinFlow, tenantId, application.id);
      const closing = timeline.filter((e) => e.action === JOINED_ELSEWHERE.action).at(-1);
      const joined = closing && (await joinedMemberships([{ applicationId: application.id, payload: closing.payload }])).get(application.id);
      // Whoever holds the link typed the ID number, which does not prove it theirs: a membership at the union
      // applied to is named with its card, one elsewhere is not (DESIGN §3.1: anonymous answers never say where).
      const joinedHere = joined?.orgId === application.orgId;
      return {
        state: application.state,
        ...stateOf(JOIN_STATES, application.state),
        orgName: org?.name ?? '',
        name: application.name,
        decisionReason: joined ? joinedElsewhereReason(joined, joinedHere) : application.decisionReason,
        cardNo: (joined ? (joinedHere ? joined.cardNo : null) : membership?.cardNo) ?? null,
        timeline: publicTimeline(timeline),
        // What the link's holder may do, as the workflow says it (the applicant's relation).
        canCancel: workflow.allowedActions(joinFlow, linkHolder('applicant', application.name, code), applicationRecord(application)).some((a) => a.action === 'cancel'),
      };
    },

    async cancelApplication(tenantId: number, code: string, info: { ip?: string }) {
      await db.transaction(async (tx) => {
        const [application] = await tx
          .select()
          .from(joinApplications)
          .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.trackingCode, code)));
        if (!application) throw notFound('入会申请', 'application');
        const applicant = linkHolder('applicant', application.name, code, info.ip);
        await workflow.fire(tx, joinFlow, applicant, applicationRecord(application), 'cancel', undefined);
      });
    },

    async listApplications(actor: Actor, query: { state?: JoinRecord['state']; page: number; pageSize: number }) {
      const filters: SQL[] = [await applicationScope(actor)];
      if (query.state) filters.push(eq(joinApplications.state, query.state));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(joinApplications)
          .where(where)
          .orderBy(desc(joinApplications.createdAt), desc(joinApplications.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(joinApplications).where(where),
      ]);
      const names = await orgs.namesByIds(rows.map((r) => r.orgId));
      const closings = await workflow.latestEntries(db, joinFlow, rows, JOINED_ELSEWHERE.action);
      const joined = await joinedMemberships(closings.map((c) => ({ applicationId: c.recordId, payload: c.payload })));
      const reasonOf = (a: (typeof rows)[number]) => {
        const j = joined.get(a.id);
        return j ? joinedElsewhereReason(j, canAt(actor, 'members.read', j.orgPath)) : a.decisionReason;
      };
      return {
        items: rows.map((a) => ({
          id: a.id,
          state: a.state,
          stateLabel: JOIN_STATES[a.state].label,
          name: a.name,
          idMasked: a.idMasked,
          phone: phoneFor(actor, a.orgPath, a.phone)!,
          orgId: a.orgId,
          orgName: names.get(a.orgId) ?? '',
          employmentForm: a.employmentForm,
          employmentFormLabel: EMPLOYMENT_FORMS[a.employmentForm],
          employerName: a.employerName,
          platformName: a.platformName,
          decisionReason: reasonOf(a),
          createdAt: a.createdAt,
          allowedActions: workflow.allowedActions(joinFlow, actor, applicationRecord(a)),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async actOnApplication(actor: Actor, id: number, action: string, input: unknown) {
      const find = async (tx: Db) => {
        const [application] = await tx
          .select()
          .from(joinApplications)
          .where(and(eq(joinApplications.id, id), await applicationScope(actor, tx)));
        if (!application) throw notFound('入会申请', 'application');
        return application;
      };
      try {
        await db.transaction(async (tx) => workflow.fire(tx, joinFlow, actor, applicationRecord(await find(tx)), action, input));
      } catch (error) {
        if (!(error instanceof AlreadyMember && action === 'approve')) throw error;
        // The applicant became a member by a path that did not see this application (it was written while that
        // path's transaction ran): close it now, as that path would have, rather than leave it to be refused again.
        const joined = await db.transaction(async (tx) => {
          const application = await find(tx);
          // The person first, as every path to a membership locks it.
          const [person] = await tx.select().from(persons).where(eq(persons.idHash, application.personHash)).for('update');
          if (!person?.openMembershipId || !person.openMembershipTenantId) return null;
          const [membership] = await tx
            .select()
            .from(memberships)
            .where(and(eq(memberships.tenantId, person.openMembershipTenantId), eq(memberships.id, person.openMembershipId)));
          await closePendingApplications(tx, membership, systemFire(workflow, tx, actor));
          return { orgName: canAt(actor, 'members.read', membership.orgPath) ? (await orgs.namesByIds([membership.orgId], tx)).get(membership.orgId) : null };
        });
        if (!joined) throw error;
        throw conflict(
          `此人已通过其他途径入会${joined.orgName ? `（「${joined.orgName}」）` : ''}，本申请已关闭（${JOINED_ELSEWHERE.reason}），无需审批`,
          'The applicant is already a member by another path; the application was closed',
        );
      }
    },

    /**
     * 随入随录: staff enter someone who joined at the union's desk with the
     * paper form. The join page's checks, then the opening of an approved
     * application; the consent is the person's signature, which staff confirm.
     */
    async addMember(actor: Actor, input: AddMemberInput) {
      requirePaths(actor, 'members.manage');
      const day = today();
      const joinedOn = input.joinedOn ?? day;
      const { issues, joiner } = joiningIssues(input, { today: day, joinedOn });
      if (issues.length) throw validationError(formIssues(issues));
      const id = joiner.id!;
      const idHash = cipher.hashResidentId(id.id);
      return db.transaction(async (tx) => {
        const org = await managedUnion(actor, input.orgId, tx);
        const current = await currentMembershipOf(idHash, tx);
        if (current) throw await alreadyMemberConflict(actor, current, org, tx);
        const membership = await openMembership(tx, actor, {
          org,
          idHash,
          idCipher: cipher.encrypt(id.id),
          idMasked: maskResidentId(id.id),
          name: joiner.name,
          sex: id.sex,
          birthDate: id.birthDate,
          phone: joiner.phone,
          employment: joiner.employment,
          source: 'staff',
          joinedOn,
          consent: { version: PRIVACY_NOTICE_VERSION, at: new Date() },
        });
        await recordAudit(tx, actor, {
          action: 'membership.create',
          entityType: 'membership',
          entityId: membership.id,
          tenantId: membership.tenantId,
          orgPath: membership.orgPath,
          summary: `登记会员「${membership.name}」加入「${org.name}」（会员证号 ${membership.cardNo}，入会日期 ${membership.joinedOn}；本人已在纸质入会申请书上签字同意个人信息处理规则）`,
          after: { orgId: org.id, cardNo: membership.cardNo, joinedOn: membership.joinedOn, memberSince: membership.memberSince, source: membership.source, consentVersion: membership.consentVersion },
        });
        return { id: membership.id, tenantId: membership.tenantId, cardNo: membership.cardNo };
      });
    },
  };
}
