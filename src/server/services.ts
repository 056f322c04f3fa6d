import { asc, isNull } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { createOrgService } from './modules/orgs/service.js';
import { orgs } from './platform/org-tree/schema.js';
import { createAccountService } from './platform/accounts/service.js';
import { createUserService } from './platform/accounts/users-service.js';
import { createAuditService } from './platform/audit/service.js';
import { createCalendarService } from './platform/calendar/service.js';
import { createNotificationService } from './platform/notifications/service.js';
import { createWorkflowEngine, shanghaiToday } from './platform/workflow/engine.js';
import { membersSubtreeMoved } from './modules/members/schema.js';
import { createMemberService } from './modules/members/service.js';
import { createMemberImportService, memberImportsSubtreeMoved } from './modules/members/import/service.js';
import { createMemberReportService, memberReportsSubtreeMoved } from './modules/members/reports/service.js';
import { createPersonalDataCipher } from './platform/personal-data.js';
import type { Job } from './platform/jobs.js';
import { importLinesRetentionJob } from './modules/members/retention.js';

/** The composition root: each service gets only what it uses. */
export interface ServiceOptions {
  secret: string;
  /** Today's business date (Asia/Shanghai); tests pin it. */
  today?: () => string;
}

export function createServices(db: Db, options: ServiceOptions) {
  const today = options.today ?? shanghaiToday;
  let root: { id: number; name: string; tenantId: number; path: string } | undefined;
  const rootOrg = async () => {
    if (!root) {
      const [row] = await db.select({ id: orgs.id, name: orgs.name, tenantId: orgs.tenantId, path: orgs.path }).from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id)).limit(1);
      if (!row) throw new Error('the org tree has no root yet');
      root = row;
    }
    return root;
  };
  const notifications = createNotificationService({ db });
  const calendar = createCalendarService({ db, rootOrg });
  const orgService = createOrgService({ db, subtreeMovedHooks: [membersSubtreeMoved, memberReportsSubtreeMoved, memberImportsSubtreeMoved] });
  const workflow = createWorkflowEngine({ calendar: () => calendar.calendar(), notify: notifications.notify, today });
  const cipher = createPersonalDataCipher(options.secret);
  const members = createMemberService({ db, orgs: orgService, workflow, notifications, cipher, today });
  return {
    rootOrg,
    orgs: orgService,
    accounts: createAccountService({ db }),
    users: createUserService({ db }),
    audit: createAuditService({ db }),
    notifications,
    calendar,
    workflow,
    members,
    memberImports: createMemberImportService({ db, orgs: orgService, members, workflow, cipher, secret: options.secret, today }),
    memberReports: createMemberReportService({ db, orgs: orgService, today }),
    /** Background jobs the server process runs (platform/jobs.ts). */
    jobs: [importLinesRetentionJob] as readonly Job[],
  };
}

export type Services = ReturnType<typeof createServices>;
