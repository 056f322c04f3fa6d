import { asc, isNull } from 'drizzle-orm';
import { createSetupService } from './platform/setup/service.js';
import type { Db } from './db/client.js';
import { MODULES } from './modules/index.js';
import { createOrgService } from './platform/org-tree/service.js';
import { orgs } from './platform/org-tree/schema.js';
import { createAccountService, type WorkerForPhone } from './platform/accounts/service.js';
import { createUserService } from './platform/accounts/users-service.js';
import { createWorkerAccounts } from './platform/accounts/worker-accounts.js';
import { attachmentsSubtreeMoved } from './platform/attachments/schema.js';
import { createAttachmentService } from './platform/attachments/service.js';
import { createAuditService } from './platform/audit/service.js';
import { createCalendarService } from './platform/calendar/service.js';
import { createDictionaryService } from './platform/dictionaries/service.js';
import { createSettingService } from './platform/settings/service.js';
import { createRoleOverview } from './platform/accounts/roles-view.js';
import { createNotificationService } from './platform/notifications/service.js';
import { createWorkflowEngine } from './platform/workflow/engine.js';
import { createClock } from './platform/clock.js';
import { createPersonalDataCipher } from './platform/personal-data.js';
import type { Job } from './platform/jobs.js';
import type { TodoSource } from './platform/todos.js';
import type { ModuleDefinition, ModuleKit } from './platform/module.js';
import { createPhoneCodes, phoneCodesCleanupJob } from './platform/sms/codes.js';
import { createSmsProvider, type SmsSettings } from './platform/sms/providers.js';
import { createSmsService } from './platform/sms/service.js';

/** The composition root: each service gets only what it uses. */
export interface ServiceOptions {
  secret: string;
  /** Today's business date (Asia/Shanghai); tests pin it. */
  today?: () => string;
  /** Which SMS provider sends; the log by default. */
  sms?: SmsSettings;
  /** Where the log provider writes (the app's logger). */
  log?: (message: string) => void;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The services every module of MODULES provides, by name. */
export type ModuleServices = UnionToIntersection<ReturnType<(typeof MODULES)[number]['services']>>;

/**
 * Each module's services in MODULES order, from the kit and the modules
 * before it. A module reaching for a service nobody has built yet fails at
 * start-up, naming both.
 */
function buildModuleServices(kit: ModuleKit) {
  const built: Record<string, unknown> = { ...kit };
  for (const module of MODULES) {
    const deps = new Proxy(built, {
      get(target, key) {
        if (typeof key === 'string' && !(key in target)) throw new Error(`module ${module.name} uses the service ${key}, which no module listed before it provides (modules/index.ts)`);
        return target[key as string];
      },
    });
    // Typed as the kit and every module's services: a module's Needs name services of modules before it (checked above, at run time).
    Object.assign(built, module.services(deps as unknown as ModuleKit & ModuleServices));
  }
  return built as unknown as ModuleServices;
}

/** The first module's answer to "whose number is this" (accounts/service.ts WorkerForPhone). */
function firstWorkerForPhone(moduleServices: ModuleServices): WorkerForPhone {
  const finders = (MODULES as readonly ModuleDefinition<object>[]).flatMap((m) => (m.workerForPhone ? [m.workerForPhone(moduleServices)] : []));
  return async (tx, mobile) => {
    for (const find of finders) {
      const found = await find(tx, mobile);
      if (found) return found;
    }
    return null;
  };
}

export function createServices(db: Db, options: ServiceOptions) {
  const clock = createClock({ today: options.today });
  const { now, today } = clock;
  let root: { id: number; name: string; tenantId: number; path: string } | undefined;
  const rootOrg = async () => {
    if (!root) {
      const [row] = await db.select({ id: orgs.id, name: orgs.name, tenantId: orgs.tenantId, path: orgs.path }).from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id)).limit(1);
      if (!row) throw new Error('the org tree has no root yet');
      root = row;
    }
    return root;
  };
  const setup = createSetupService({ db, rootChanged: () => (root = undefined) });
  const notifications = createNotificationService({ db, now });
  const calendar = createCalendarService({ db, rootOrg });
  const settings = createSettingService({ db, rootOrg });
  const dictionaries = createDictionaryService({ db, rootOrg });
  const cipher = createPersonalDataCipher(options.secret);
  const sms = createSmsService({ db, cipher, settings, provider: createSmsProvider(options.sms ?? { kind: 'log' }, options.log ?? console.log) });
  const phoneCodes = createPhoneCodes({ db, cipher, sms });
  const kit: ModuleKit = {
    db,
    orgs: createOrgService({ db, subtreeMovedHooks: [attachmentsSubtreeMoved, ...MODULES.flatMap((m) => m.subtreeMoved ?? [])] }),
    workflow: createWorkflowEngine({ calendar: (tx) => calendar.calendar(tx), notify: notifications.notify, today, now }),
    notifications,
    attachments: createAttachmentService({ db, now }),
    calendar,
    settings,
    dictionaries,
    sms,
    phoneCodes,
    workerAccounts: createWorkerAccounts(),
    cipher,
    today,
    now,
    secret: options.secret,
  };
  const moduleServices = buildModuleServices(kit);
  return {
    ...kit,
    ...moduleServices,
    rootOrg,
    /** Run a step through the services as of a past moment (platform/clock.ts): the demo's history. */
    asOf: clock.asOf,
    setup,
    sms,
    accounts: createAccountService({ db, phoneCodes, workerForPhone: firstWorkerForPhone(moduleServices) }),
    users: createUserService({ db }),
    roles: createRoleOverview({ db }),
    // The kit narrows these to reading; the admin pages need the whole services.
    settings,
    dictionaries,
    audit: createAuditService({ db }),
    /** Each module's to-dos for an actor (platform/todos.ts). */
    todoSources: (MODULES as readonly ModuleDefinition<object>[]).flatMap((m) => (m.todos ? [m.todos(moduleServices)] : [])) as readonly TodoSource[],
    /** Background jobs the server process runs (platform/jobs.ts). */
    jobs: [sms.deliveryJob(), phoneCodesCleanupJob, ...(MODULES as readonly ModuleDefinition<object>[]).flatMap((m) => m.jobs?.(moduleServices) ?? [])] as readonly Job[],
  };
}

export type Services = ReturnType<typeof createServices>;
