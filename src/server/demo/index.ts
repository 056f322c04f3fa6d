import type { Db } from '../db/client.js';
import type { Services } from '../services.js';
import { loadDemoActivity } from './activity.js';
import { loadDemoAttachments } from './attachments.js';
import { loadDemoDirectLine } from './direct-line.js';
import { loadDemoDiscussions } from './discussions.js';
import { loadDemoDues } from './dues.js';
import { loadDemoEnterprises } from './enterprises.js';
import { loadDemoEvaluations } from './evaluations.js';
import { loadDemo } from './load.js';

export { DEMO_PASSWORD, DEMO_ROOT, DEMO_USERS } from './load.js';
import { loadDemoMediation } from './mediation.js';
import { loadDemoMediationRosters } from './mediation-rosters.js';
import { loadDemoMyMembership } from './my-membership.js';
import { loadDemoNotices } from './notices.js';
import { loadDemoProposals } from './proposals.js';
import { loadDemoSms } from './sms.js';
import { loadDemoRegister } from './register.js';

/** A part of the demo a module adds, loaded after the parts it builds on. */
type DemoPart = (db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void }) => Promise<unknown>;

/**
 * The modules' parts, in order: the discussions and the direct line use the
 * proposals' representatives and the station proposal; the attachments go
 * on the proposals; mediation's cases come after the enterprises they name;
 * the SMS outbox's deliveries come last, after every part that queues messages.
 * Adding a module's demo is one line here.
 */
const PARTS: DemoPart[] = [
  loadDemoProposals,
  loadDemoDiscussions,
  loadDemoDirectLine,
  loadDemoEvaluations,
  loadDemoAttachments,
  loadDemoEnterprises,
  loadDemoMediation,
  loadDemoMediationRosters,
  loadDemoMyMembership,
  loadDemoNotices,
  loadDemoSms,
  loadDemoDues,
];

/** The whole demo county, as `npm run demo` loads it and the demo test checks it. */
export async function loadFullDemo(db: Db, services: Services, options: { log?: (line: string) => void } = {}) {
  const orgIds = await loadDemo(db, services, options);
  // The unions' rosters first: the activity's bulletins and every report then count them.
  await loadDemoRegister(db, services, orgIds, options);
  await loadDemoActivity(services, orgIds, { today: services.today(), log: options.log });
  for (const part of PARTS) await part(db, services, orgIds, options);
  return orgIds;
}
