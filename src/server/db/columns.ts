import { bigint, customType, integer, timestamp } from 'drizzle-orm/pg-core';

/** `ltree` path of an org in the tree: org ids joined by dots, root first. */
export const ltree = customType<{ data: string }>({
  dataType: () => 'ltree',
});

/** Search document built by platform/search-tokens; written with its searchVector. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** `bytea` for encrypted personal data and keyed hashes. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** bigint ids as JS numbers: identities stay far below 2^53. */
export const id = (name = 'id') => bigint(name, { mode: 'number' });

export const identityId = () => id().generatedAlwaysAsIdentity();

export const tenantId = () => id('tenant_id').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const timestamps = () => ({
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A new row's `timestamps` set to one instant: the services' clock's (platform/clock.ts), not the database's. */
export const stampedAt = (at: Date) => ({ createdAt: at, updatedAt: at });

/** Optimistic concurrency: writers send the version they read; a stale one is a 409. */
export const version = () => integer('version').notNull().default(1);
