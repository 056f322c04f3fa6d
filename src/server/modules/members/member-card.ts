import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * 电子会员证: the QR a member shows and staff scan. It carries no personal
 * data, only which membership and until when, signed with a key derived from
 * the instance's secret (LIANXIN_SECRET): a token cannot be made or altered
 * without the server, and a screenshot stops working after CARD_TOKEN_TTL_S
 * (the member's page fetches a fresh one before then). What the token proves
 * is checked again against the registry when it is scanned (a membership that
 * ended meanwhile is refused), so it needs no revocation list.
 *
 * Shape: `<tenantId>.<membershipId>.<expires, unix seconds>.<signature>`,
 * the signature the first 16 bytes of HMAC-SHA256 in base64url — short, so
 * the QR stays coarse enough for a cracked phone screen.
 */

export const CARD_TOKEN_TTL_S = 5 * 60;
const SIGNATURE_BYTES = 16;
const TOKEN = /^(\d{1,15})\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export type CardTokenCheck =
  | { ok: true; tenantId: number; membershipId: number; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired'; expiresAt?: Date };

export function memberCardTokens(secret: string) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'lianxin', 'member-card', 32));
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest().subarray(0, SIGNATURE_BYTES);

  return {
    issue(membership: { tenantId: number; id: number }, now = new Date()) {
      const expires = Math.floor(now.getTime() / 1000) + CARD_TOKEN_TTL_S;
      const payload = `${membership.tenantId}.${membership.id}.${expires}`;
      return { token: `${payload}.${sign(payload).toString('base64url')}`, expiresAt: new Date(expires * 1000) };
    },

    /**
     * The signature first: an altered token is "forged" whatever its time says. It is compared as text:
     * 22 base64url characters carry 132 bits for 128, and a decoder ignores the last character's spare
     * bits, so comparing decoded bytes would let a changed last character pass.
     */
    check(token: string, now = new Date()): CardTokenCheck {
      const match = TOKEN.exec(token.trim());
      if (!match) return { ok: false, reason: 'malformed' };
      const [, tenantId, membershipId, expires, signature] = match;
      const expected = Buffer.from(sign(`${tenantId}.${membershipId}.${expires}`).toString('base64url'));
      if (!timingSafeEqual(Buffer.from(signature), expected)) return { ok: false, reason: 'forged' };
      const expiresAt = new Date(Number(expires) * 1000);
      if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', expiresAt };
      return { ok: true, tenantId: Number(tenantId), membershipId: Number(membershipId), expiresAt };
    },
  };
}
