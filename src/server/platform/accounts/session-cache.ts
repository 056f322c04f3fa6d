import type { Grant } from '../actor.js';

/** What a session resolves to beyond the session row itself: the account and its grants. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  active: boolean;
  homeOrgId: number;
  homeOrgName: string;
  mustChangePassword: boolean;
  /** A worker's account: the person it belongs to (我的会籍). */
  personHash: Buffer | null;
  grants: Grant[];
}

/**
 * Sessions resolved by this instance, each with the `auth_epoch` it was read under (schema.ts). Every request
 * still reads its session row (a logout or an ended session shows at once) and the epoch, in one primary-key
 * lookup; the account and its grants are read again only when the epoch has moved since, which any change to
 * a grant, an account or an org does on every instance at the same commit. Bounded: the least recently used
 * session is dropped first.
 */
export function createSessionCache(capacity = 20_000) {
  const entries = new Map<string, { epoch: number; user: SessionUser }>();
  return {
    get(sessionId: string, epoch: number): SessionUser | undefined {
      const entry = entries.get(sessionId);
      if (!entry) return undefined;
      entries.delete(sessionId);
      if (entry.epoch !== epoch) return undefined;
      entries.set(sessionId, entry); // most recently used last
      return entry.user;
    },
    set(sessionId: string, epoch: number, user: SessionUser) {
      entries.delete(sessionId);
      entries.set(sessionId, { epoch, user });
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    delete(sessionId: string) {
      entries.delete(sessionId);
    },
  };
}
