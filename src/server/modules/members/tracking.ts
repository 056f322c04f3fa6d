import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/actor.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';

/**
 * The tracking link of an application or a transfer: workers use the phone
 * pages without an account, and the code in the URL they keep identifies them
 * to their own record (applications.ts, transfers.ts).
 */

export const trackingCode = () => randomBytes(12).toString('base64url');

/** A worker without an account, acting on their own application or transfer through its tracking link (phone pages). */
export const linkHolder = (username: 'applicant' | 'member', displayName: string, code: string, ip?: string): Actor => ({
  userId: null,
  username,
  displayName,
  grants: [],
  homeOrgId: null,
  ip,
  trackingCode: code,
});

/**
 * A timeline as the phone pages show it to whoever holds the tracking link: each entry's reason, nothing
 * else of its payload (which names unions and records by id: a closing names the membership elsewhere).
 */
export const publicTimeline = (entries: Awaited<ReturnType<WorkflowEngine['timeline']>>) =>
  entries.map((entry) => {
    const reason = (entry.payload as { reason?: unknown } | null)?.reason;
    return { ...entry, payload: typeof reason === 'string' ? { reason } : null };
  });
