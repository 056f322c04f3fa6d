import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { notFound } from '../errors.js';
import { notificationKindLabel } from '../labels/registry.js';
import { notifications } from './schema.js';

export interface NewNotification {
  userId: number;
  kind: string;
  title: string;
  body?: string;
  link?: string;
}

/** The in-app notification centre; modules write through `notify` in their own transaction. */
export function createNotificationService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async notify(tx: Db, items: NewNotification[]) {
      // A kind no module declared would reach the page as a raw code (module.ts `labels.notificationKinds`).
      const undeclared = items.find((item) => notificationKindLabel(item.kind) === undefined);
      if (undeclared) throw new Error(`notification kind ${undeclared.kind} is not declared in any module's labels`);
      if (items.length) await tx.insert(notifications).values(items.map((item) => ({ ...item, at: now() })));
    },

    async unreadCount(actor: Actor) {
      const [{ unread }] = await db
        .select({ unread: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, actor.userId!), isNull(notifications.readAt)));
      return unread;
    },

    async list(actor: Actor, params: { unreadOnly?: boolean; page: number; pageSize: number }) {
      const filters: SQL[] = [eq(notifications.userId, actor.userId!)];
      if (params.unreadOnly) filters.push(isNull(notifications.readAt));
      const where = and(...filters);
      const [rows, [{ total }], unread] = await Promise.all([
        db
          .select({ id: notifications.id, at: notifications.at, kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt })
          .from(notifications)
          .where(where)
          .orderBy(desc(notifications.at), desc(notifications.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(notifications).where(where),
        this.unreadCount(actor),
      ]);
      const items = rows.map((row) => ({ ...row, kindLabel: notificationKindLabel(row.kind) ?? row.kind }));
      return { items, total, unread, page: params.page, pageSize: params.pageSize };
    },

    async markRead(actor: Actor, id: number) {
      const updated = await db
        .update(notifications)
        .set({ readAt: now() })
        .where(and(eq(notifications.userId, actor.userId!), eq(notifications.id, id)))
        .returning({ id: notifications.id });
      if (updated.length === 0) throw notFound('通知', 'notification');
    },

    async markAllRead(actor: Actor) {
      await db
        .update(notifications)
        .set({ readAt: now() })
        .where(and(eq(notifications.userId, actor.userId!), isNull(notifications.readAt)));
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
