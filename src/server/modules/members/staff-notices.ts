import type { Db } from '../../db/client.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { holdersAbove } from '../../platform/notifications/recipients.js';

/**
 * Tell a union's staff that something waits for them (an application to decide, a transfer to confirm or
 * accept), in the bell, with the list it waits in: the union's own staff, or the nearest union above that
 * has staff. The one who caused it is not told of their own act.
 */
export async function tellUnionStaff(
  notifications: Pick<NotificationService, 'notify'>,
  tx: Db,
  org: { path: string; tenantId: number },
  notice: { title: string; body: string; link: string },
  causedBy?: number | null,
) {
  const staff = (await holdersAbove(tx, ['union_staff'], org, { nearest: true })).filter((userId) => userId !== causedBy);
  await notifications.notify(tx, staff.map((userId) => ({ userId, kind: 'member', ...notice })));
}
