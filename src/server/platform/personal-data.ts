import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Personal information under PIPL: resident ID numbers are stored encrypted
 * (AES-256-GCM) and found through a keyed hash (HMAC-SHA256), so the database
 * alone reveals neither the numbers nor, by guessing, who is a member.
 * Both keys derive from one secret (LIANXIN_SECRET).
 */
export interface PersonalDataCipher {
  /** Lookup and uniqueness key of a normalised 18-character resident ID. */
  hashResidentId(id18: string): Buffer;
  /**
   * A keyed hash for other lookups: a mobile number (rate limits, the SMS outbox's filter) or a one-time
   * code (six digits, which a plain hash would give away to whoever reads the table).
   */
  keyedHash(purpose: 'phone' | 'one-time-code', value: string): Buffer;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const IV_LENGTH = 12;
const TAG_LENGTH = 16;
/** Nonces are cut from a pool of random bytes: one randomBytes call per value cost more than the encryption on a bulk import. */
const IV_POOL_BYTES = IV_LENGTH * 4096;

function randomNonces() {
  const pool = Buffer.alloc(IV_POOL_BYTES);
  let used = IV_POOL_BYTES;
  return () => {
    if (used === IV_POOL_BYTES) {
      randomFillSync(pool);
      used = 0;
    }
    used += IV_LENGTH;
    // A view of the pool, valid until the next call (encrypt copies it into its output at once).
    return pool.subarray(used - IV_LENGTH, used);
  };
}

export function createPersonalDataCipher(secret: string): PersonalDataCipher {
  if (secret.length < 32) throw new Error('LIANXIN_SECRET must be at least 32 characters');
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'lianxin', purpose, 32));
  const encryptionKey = derive('resident-id-encryption');
  const hashKey = derive('resident-id-lookup');
  const lookupKeys = { phone: derive('phone-lookup'), 'one-time-code': derive('one-time-code') };
  const nextNonce = randomNonces();
  return {
    hashResidentId: (id18) => createHmac('sha256', hashKey).update(id18).digest(),
    keyedHash: (purpose, value) => createHmac('sha256', lookupKeys[purpose]).update(value).digest(),
    encrypt(plain) {
      const iv = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = cipher.update(plain, 'utf8');
      cipher.final(); // GCM holds nothing back: final only computes the tag
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(0, IV_LENGTH));
      decipher.setAuthTag(sealed.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
      return Buffer.concat([decipher.update(sealed.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]).toString('utf8');
    },
  };
}

export const generateSecret = () => randomBytes(32).toString('base64url');
