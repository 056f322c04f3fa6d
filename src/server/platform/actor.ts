import type { Role } from './accounts/roles.js';

export interface Grant {
  id: number;
  role: Role;
  orgId: number;
  orgName: string;
  orgPath: string;
  tenantId: number;
}

/** The one object every service call receives: who acts, with which roles, from where. */
export interface Actor {
  userId: number | null;
  username: string;
  displayName: string;
  grants: Grant[];
  homeOrgId: number | null;
  ip?: string;
  userAgent?: string;
  sessionId?: string;
  /** A worker's account: the keyed hash of the person it belongs to (users.person_hash): their own membership (我的会籍). */
  personHash?: Buffer;
  /** A worker without an account acting on their own application through its tracking code (phone pages). */
  trackingCode?: string;
}

/** For start-up, migrations and the demo loader: audited as 系统. */
export function systemActor(rootOrg: { id: number; name: string; path: string; tenantId: number }): Actor {
  return {
    userId: null,
    username: 'system',
    displayName: '系统',
    homeOrgId: rootOrg.id,
    grants: [{ id: 0, role: 'admin', orgId: rootOrg.id, orgName: rootOrg.name, orgPath: rootOrg.path, tenantId: rootOrg.tenantId }],
  };
}
