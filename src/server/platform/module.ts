import type { FastifyInstance } from 'fastify';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import type { TableKind } from '../db/table-kinds.js';
import type { OrgService } from './org-tree/service.js';
import { declarePermissions, type PermissionTable } from './accounts/roles.js';
import type { AttachmentService } from './attachments/service.js';
import type { CalendarService } from './calendar/service.js';
import { declareDictionaries, type DictionaryDefinition } from './dictionaries/registry.js';
import type { DictionaryService } from './dictionaries/service.js';
import { declareLabels, declareNameSource, type Labels, type NameSource } from './labels/registry.js';
import { declareSettings, type SettingDefinition } from './settings/registry.js';
import type { SettingService } from './settings/service.js';
import type { WorkerForPhone } from './accounts/service.js';
import type { Job } from './jobs.js';
import type { NotificationService } from './notifications/service.js';
import type { SubtreeMovedHook } from './org-tree/paths.js';
import type { PersonalDataCipher } from './personal-data.js';
import type { PhoneCodes } from './sms/codes.js';
import type { SmsService } from './sms/service.js';
import type { TodoSource } from './todos.js';
import type { WorkflowEngine, WorkflowStates } from './workflow/engine.js';
import type { WorkerAccounts } from './accounts/worker-accounts.js';

/**
 * What the platform gives every module's services (the composition root,
 * services.ts, builds it once). A module takes what it uses from here and,
 * when it builds on another module, that module's services by name.
 */
export interface ModuleKit {
  db: Db;
  orgs: OrgService;
  workflow: WorkflowEngine;
  notifications: NotificationService;
  /** Photos and PDFs attached to a module's records; the module decides who may attach, see and delete. */
  attachments: AttachmentService;
  calendar: CalendarService;
  /** 参数设置: a module reads its own declared settings (`settings.get(definition)`). */
  settings: Pick<SettingService, 'get'>;
  /** 字典: a module reads the labels and order of its declared dictionaries. */
  dictionaries: Pick<DictionaryService, 'read' | 'labels'>;
  /** Text messages through the outbox: `queue` in the caller's transaction, sent after commit (platform/sms). */
  sms: Pick<SmsService, 'queue'>;
  /** One-time codes by text message, proving a phone number (platform/sms/codes.ts). */
  phoneCodes: PhoneCodes;
  /** A worker's own account follows their membership to another union (platform/accounts/worker-accounts.ts). */
  workerAccounts: WorkerAccounts;
  cipher: PersonalDataCipher;
  /** Today's business date (Asia/Shanghai); tests pin it. */
  today: () => string;
  /** The instant a change is stamped with (platform/clock.ts: the real time, or the one the demo runs a step at). */
  now: () => Date;
  /** The instance's secret (signing short-lived tokens, tracking links). */
  secret: string;
}

/**
 * Everything a module brings, in one declaration (its folder's module.ts).
 * `src/server/modules/index.ts` names each module once; the app, the
 * composition root, the schema test and the migrations read the rest from
 * here. The web's menu comes from the module's `src/web/modules/<name>/menu.tsx`.
 */
export interface ModuleDefinition<Provided extends object, Needs extends object = object> {
  /** Lower-case and unique, as its folder is named. */
  name: string;
  /** The module's tables and how each is distributed (db/table-kinds.ts); the schema test holds them to it. */
  tables: readonly { table: PgTable; kind: TableKind }[];
  /** The module's permissions and the roles that carry them (merged into `PermissionRegistry` in the same file). */
  permissions: PermissionTable;
  // Methods, not function properties: any module then passes as a `ModuleDefinition<object>` (app.ts registers them in a loop).
  /** The module's services, from the kit and the services of modules listed before it. */
  services(deps: ModuleKit & Needs): Provided;
  /** The module's HTTP routes: a Fastify plugin that registers its route plugins. */
  routes(app: FastifyInstance, options: { services: NoInfer<Provided> }): Promise<void>;
  /** The module's workflows, whose states pages read (`GET /api/workflows/:workflow`). */
  workflows?(services: NoInfer<Provided>): readonly WorkflowStates[];
  /** What waits for an actor in this module (platform/todos.ts): the home page's 待办. */
  todos?(services: NoInfer<Provided>): TodoSource;
  /** Background jobs (platform/jobs.ts); a job may use the module's services (a deadline watch, a reminder). */
  jobs?(services: NoInfer<Provided>): readonly Job[];
  /** Its words in Chinese: its permissions (the roles page), its audit actions and object types (the operation log). */
  labels?: Labels;
  /** How the operation log names the records of each of its object types (`membership` → the member's name). */
  auditNames?: Record<string, NameSource>;
  /** Its settings (参数设置), read through `kit.settings.get`. */
  settings?: readonly SettingDefinition<unknown>[];
  /** Its dictionaries (字典), read through `kit.dictionaries`. */
  dictionaries?: readonly DictionaryDefinition[];
  /** Whom a phone number belongs to among the module's people, for a worker's first sign-in by code (accounts/service.ts). */
  workerForPhone?(services: NoInfer<Provided>): WorkerForPhone;
  /** Keep the org paths the module copies into its rows right when a subtree moves. */
  subtreeMoved?: readonly SubtreeMovedHook[];
}

/** Declare a module: its permissions, labels, settings and dictionaries join the product's as the module loads. */
export function defineModule<Provided extends object, Needs extends object = object>(definition: ModuleDefinition<Provided, Needs>) {
  declarePermissions(definition.name, definition.permissions);
  declareLabels(definition.name, definition.labels ?? {});
  for (const [type, source] of Object.entries(definition.auditNames ?? {})) declareNameSource(type, source);
  declareSettings(definition.name, definition.settings ?? []);
  declareDictionaries(definition.name, definition.dictionaries ?? []);
  return definition;
}

/** A table and its distribution, for a module's `tables`. */
export const tenantTable = (table: PgTable) => ({ table, kind: { kind: 'tenant' } as const });
export const keyedTable = (table: PgTable, key: string) => ({ table, kind: { kind: 'keyed', key } as const });
export const referenceTable = (table: PgTable) => ({ table, kind: { kind: 'reference' } as const });
