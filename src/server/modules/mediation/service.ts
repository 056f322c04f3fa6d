import type { Db } from '../../db/client.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { createStudios } from './studios.js';

/**
 * The 连心舱 mediation service (DESIGN §3.3), a file per job:
 * studios.ts — studios, their teams, who sits on which team (the visibility rule of everything below).
 */

export type { MemberChanges, MemberInput, StudioChanges, StudioInput } from './studios.js';

export interface MediationServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
}

export function createMediationService(deps: MediationServiceDeps) {
  const studios = createStudios(deps);
  return {
    studios: studios.list,
    studio: studios.detail,
    createStudio: studios.createStudio,
    updateStudio: studios.updateStudio,
    addMember: studios.addMember,
    updateMember: studios.updateMember,
    deactivateMember: studios.deactivateMember,
    membership: studios.membership,
    membersOf: studios.membersOf,
    // For the duty rosters (rosters/): the studio's row, its whole team, the studios serving an org.
    findStudio: studios.findStudio,
    teamOf: studios.teamOf,
    studiosServing: studios.studiosServing,
  };
}

export type MediationService = ReturnType<typeof createMediationService>;
