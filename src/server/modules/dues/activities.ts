/**
 * 组织生活: a union's activities and who took part, entered by staff or by
 * the member scanning the activity's QR code on the phone. The QR holds a
 * signed short-lived token (HMAC of the activity and its expiry under the
 * instance's secret): a forged, altered or expired token is refused, and the
 * staff page shows a fresh one every few minutes, so a photo of the code sent
 * round a group does not check anyone in tomorrow.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { subtreeRange, tenantScope } from '../../platform/scope.js';
import type { MemberForDues } from '../members/service.js';
import { ATTENDANCE_WAYS, activities, activityAttendance } from './schema.js';
import type { DuesCore, DuesDeps } from './service.js';

/** How long a check-in QR stays good: long enough to queue and scan, short enough that a shared photo dies. */
export const CHECK_IN_TTL_MS = 10 * 60_000;

const signer = (secret: string) => {
  const key = createHmac('sha256', secret).update('activity-check-in').digest();
  return (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
};

/** `tenant.activity.expiry.signature`: what the QR's link carries (expiry in ms since the epoch). */
export function checkInToken(secret: string, activity: { tenantId: number; id: number }, expires: number) {
  const payload = `${activity.tenantId}.${activity.id}.${expires}`;
  return `${payload}.${signer(secret)(payload)}`;
}

export function createActivities(deps: DuesDeps & { secret: string }, core: DuesCore) {
  const { db, orgs, members, today, secret } = deps;
  const sign = signer(secret);

  function tokenFor(activity: { tenantId: number; id: number }) {
    const expires = Date.now() + CHECK_IN_TTL_MS;
    return { token: checkInToken(secret, activity, expires), expiresAt: new Date(expires) };
  }

  /** The activity a token names, or a 400 saying why not (never which part failed beyond forged/expired). */
  function readToken(token: string) {
    const parts = token.split('.');
    const refused = (reason: string) => new AppError('VALIDATION', reason, 'Invalid check-in code', [{ field: 'token', reason }]);
    if (parts.length !== 4 || !parts.slice(0, 3).every((p) => /^\d{1,15}$/.test(p))) throw refused('签到码无效，请扫描活动现场的二维码');
    const payload = parts.slice(0, 3).join('.');
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(parts[3]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused('签到码无效，请扫描活动现场的二维码');
    if (Number(parts[2]) < Date.now()) throw refused('签到码已过期，请扫描现场最新的二维码');
    return { tenantId: Number(parts[0]), id: Number(parts[1]) };
  }

  async function findActivity(actor: Actor, id: number, tx: Db = db) {
    const [row] = await tx
      .select()
      .from(activities)
      .where(and(eq(activities.id, id), await tenantScope(actor, 'dues.read', activities, (path) => orgs.tenantIdsWithin(path, tx))));
    if (!row) throw notFound('活动', 'activity');
    return row;
  }

  /** Record attendance (once per member) and refresh their evidence. */
  async function attend(tx: Db, actor: Actor, activity: typeof activities.$inferSelect, people: MemberForDues[], way: keyof typeof ATTENDANCE_WAYS) {
    const added = await tx
      .insert(activityAttendance)
      .values(people.map((m) => ({ tenantId: activity.tenantId, activityId: activity.id, membershipId: m.id, name: m.name, cardNo: m.cardNo, way, recordedBy: actor.userId })))
      .onConflictDoNothing()
      .returning({ membershipId: activityAttendance.membershipId });
    await core.refreshEvidence(tx, activity.tenantId, added.map((a) => a.membershipId));
    return added.length;
  }

  const shown = async (rows: (typeof activities.$inferSelect & { attendees: number })[]) => {
    const names = await orgs.namesByIds(rows.map((r) => r.orgId));
    return rows.map((r) => ({ id: r.id, orgId: r.orgId, orgName: names.get(r.orgId) ?? '', title: r.title, heldOn: r.heldOn, place: r.place, attendees: r.attendees }));
  };
  // The outer table named by hand: drizzle writes a selected column unqualified, which inside the subquery would name t's own.
  const attendees = sql<number>`(select count(*)::int from ${activityAttendance} t where t.tenant_id = "activities"."tenant_id" and t.activity_id = "activities"."id")`;

  return {
    async list(actor: Actor, query: { orgId?: number; page: number; pageSize: number }) {
      const filters: SQL[] = [await tenantScope(actor, 'dues.read', activities, (path) => orgs.tenantIdsWithin(path))];
      if (query.orgId) filters.push(subtreeRange(activities.orgPath, (await orgs.byId(query.orgId))?.path ?? '0'));
      const where = and(...filters);
      const [rows, [{ n }]] = await Promise.all([
        db
          .select({ ...getTableColumns(activities), attendees })
          .from(activities)
          .where(where)
          .orderBy(desc(activities.heldOn), desc(activities.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(activities).where(where),
      ]);
      return { items: await shown(rows), total: n, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, input: { orgId: number; title: string; heldOn: string; place: string }) {
      return db.transaction(async (tx) => {
        const org = await core.unionIn(actor, input.orgId, 'dues.manage', tx);
        const [row] = await tx.insert(activities).values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, title: input.title, heldOn: input.heldOn, place: input.place, createdBy: actor.userId }).returning();
        await recordAudit(tx, actor, { action: 'activity.create', entityType: 'activity', entityId: row.id, tenantId: row.tenantId, orgPath: row.orgPath, summary: `「${org.name}」组织生活「${row.title}」（${row.heldOn}）` });
        return { id: row.id };
      });
    },

    /** An activity with who took part. */
    async detail(actor: Actor, id: number) {
      const row = await findActivity(actor, id);
      const people = await db
        .select()
        .from(activityAttendance)
        .where(and(eq(activityAttendance.tenantId, row.tenantId), eq(activityAttendance.activityId, row.id)))
        .orderBy(asc(activityAttendance.createdAt), asc(activityAttendance.membershipId));
      const [shownRow] = await shown([{ ...row, attendees: people.length }]);
      return {
        ...shownRow,
        attendance: people.map((p) => ({ membershipId: p.membershipId, name: p.name, cardNo: p.cardNo, way: p.way, wayLabel: ATTENDANCE_WAYS[p.way], at: p.createdAt })),
      };
    },

    /** 工作人员登记: members of the activity's union who took part. */
    async addAttendance(actor: Actor, id: number, membershipIds: number[]) {
      return db.transaction(async (tx) => {
        const activity = await findActivity(actor, id, tx);
        const org = await core.unionIn(actor, activity.orgId, 'dues.manage', tx);
        if (activity.heldOn > today()) throw validationError([{ field: 'membershipIds', reason: '活动尚未举行，不能登记参加人员' }]);
        const found = await members.openMembersIn(org, { ids: membershipIds }, tx);
        if (found.length !== new Set(membershipIds).size) throw validationError([{ field: 'membershipIds', reason: '有人员不是本工会的在册会员' }]);
        const added = await attend(tx, actor, activity, found, 'staff');
        await recordAudit(tx, actor, { action: 'activity.attendance', entityType: 'activity', entityId: activity.id, tenantId: activity.tenantId, orgPath: activity.orgPath, summary: `「${activity.title}」登记参加人员 ${added} 人` });
        return { added };
      });
    },

    /** A fresh check-in token for the activity's QR (staff who manage its union). */
    async checkInCode(actor: Actor, id: number) {
      const activity = await findActivity(actor, id);
      await core.unionIn(actor, activity.orgId, 'dues.manage');
      if (activity.heldOn !== today()) throw validationError([{ field: 'id', reason: `签到二维码只在活动当天（${activity.heldOn}）提供` }]);
      return tokenFor(activity);
    },

    /** 扫码签到: the signed-in worker, found by the person their account belongs to among the union's open members. */
    async checkIn(actor: Actor, token: string) {
      const ref = readToken(token);
      const person = actor.personHash;
      if (!person) throw conflict('您的账号尚未关联会员身份，请用登记的手机号验证码登录，或携带身份证到工会核实', 'The account belongs to no member');
      return db.transaction(async (tx) => {
        const [activity] = await tx.select().from(activities).where(and(eq(activities.tenantId, ref.tenantId), eq(activities.id, ref.id)));
        if (!activity) throw notFound('活动', 'activity');
        const [member] = await members.openMembersIn({ tenantId: activity.tenantId, path: activity.orgPath }, { idHashes: [person] }, tx);
        if (!member) throw conflict('没有找到您在本工会的在册会籍；如已转到其他工会，请在所在工会的活动签到', 'No open membership of this union');
        const added = await attend(tx, actor, activity, [member], 'qr');
        return { title: activity.title, name: member.name, already: added === 0 };
      });
    },
  };
}

export type ActivityService = ReturnType<typeof createActivities>;
