/**
 * How each table is distributed (DESIGN §2, docs/scaling.md). The schema test
 * fails for a table declared nowhere or breaking its kind's rule.
 * - tenant: owned by a county-level federation; primary key (tenant_id, id).
 * - keyed: distributed by its own key, the first primary-key column
 *   (persons by ID hash, sessions by token hash, notifications by user).
 * - reference: small, replicated to every node (org tree, accounts, lookups).
 */
export type TableKind = { kind: 'tenant' } | { kind: 'keyed'; key: string } | { kind: 'reference' };

/** The platform's tables; each module declares its own in its module.ts (`tables`). */
export const PLATFORM_TABLE_KINDS: Record<string, TableKind> = {
  orgs: { kind: 'reference' },
  divisions: { kind: 'reference' },
  users: { kind: 'reference' },
  role_grants: { kind: 'reference' },
  calendar_days: { kind: 'reference' },
  auth_epoch: { kind: 'reference' },
  settings: { kind: 'reference' },
  dictionary_entries: { kind: 'reference' },
  sessions: { kind: 'keyed', key: 'id' },
  login_log: { kind: 'keyed', key: 'id' },
  login_throttles: { kind: 'keyed', key: 'key' },
  sms_outbox: { kind: 'keyed', key: 'id' },
  sms_codes: { kind: 'keyed', key: 'phone_hash' },
  sms_send_limits: { kind: 'keyed', key: 'key' },
  notifications: { kind: 'keyed', key: 'user_id' },
  audit_log: { kind: 'tenant' },
  workflow_timeline: { kind: 'tenant' },
  workflow_deadline_notices: { kind: 'tenant' },
  attachments: { kind: 'tenant' },
  attachment_contents: { kind: 'tenant' },
  installation: { kind: 'reference' },
};
