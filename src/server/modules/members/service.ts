import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { DictionaryService } from '../../platform/dictionaries/service.js';
import { EMPLOYMENT_FORM_DICTIONARY } from './settings.js';
import type { PhoneCodes } from '../../platform/sms/codes.js';
import type { WorkerAccounts } from '../../platform/accounts/worker-accounts.js';
import type { SettingService } from '../../platform/settings/service.js';
import type { SmsService } from '../../platform/sms/service.js';
import { createApplications } from './applications.js';
import { createEvidence } from './evidence.js';
import { createMemberExport } from './export.js';
import { createMemberMessages } from './member-messages.js';
import { createPhoneAccess } from './phone-access.js';
import { createMemberships } from './memberships.js';
import { createMyMembership } from './my-membership.js';
import { createListEngine, createMemberQueries } from './queries.js';
import { createTransfers } from './transfers.js';
import { createUnions } from './unions.js';

/**
 * The member registry's service: the parts, each a file by job, made once and
 * offered as one object (routes, the roster import and tests use it so).
 * unions.ts — which unions hold members, the phone pages' union reads;
 * queries.ts — the list engine, the list, the export's rows, a member's record;
 * memberships.ts — opening and ending memberships, their workflow's actions;
 * applications.ts — joining (the join page, staff decisions, staff entry);
 * transfers.ts — 动态接转; export.ts — the list as an xlsx;
 * my-membership.ts — 我的会籍 of a worker's account and the e-card's scan.
 * member-messages.ts — the applicant's and member's text messages;
 * phone-access.ts — a worker proving their number (sign-in, finding applications again).
 */

export type { AddMemberInput, JoinInput } from './applications.js';
export type { MemberForDues, MembershipEvidence } from './evidence.js';
export type { Employment } from './person-fields.js';
export { LIST_WINDOW, type MemberListQuery, SEARCH_WINDOW } from './queries.js';
export { MEMBER_HOLDING_TYPES } from './unions.js';

export interface MemberServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  notifications: Pick<NotificationService, 'notify'>;
  sms: Pick<SmsService, 'queue'>;
  phoneCodes: Pick<PhoneCodes, 'request' | 'verify'>;
  /** A transfer's worker account moves with the membership (transfers.ts move). */
  workerAccounts: Pick<WorkerAccounts, 'followMembership'>;
  cipher: PersonalDataCipher;
  today: () => string;
  /** Signs the electronic member card's tokens (member-card.ts). */
  secret: string;
  dictionaries: Pick<DictionaryService, 'read'>;
  /** 参数设置: the card-number format (settings.ts). */
  settings: Pick<SettingService, 'get'>;
}

export function createMemberService(deps: MemberServiceDeps) {
  const unions = createUnions(deps);
  const lists = createListEngine(deps);
  // Opening a membership closes the person's pending applications, and approving an application opens a
  // membership: memberships reach applications through this hook, called only once both are made.
  const memberships = createMemberships(deps, lists, {
    membershipOpened: (tx, membership, fire, approving) => applications.closePendingApplications(tx, membership, fire, approving),
  });
  const messages = createMemberMessages(deps);
  const applications = createApplications(deps, { memberships, unions, messages });
  const transfers = createTransfers(deps, { memberships, unions, messages });
  const phoneAccess = createPhoneAccess(deps);
  const queries = createMemberQueries(deps, lists, memberships);
  const { prepareExport } = createMemberExport(deps, queries);
  const mine = createMyMembership(deps, { memberships, transfers });
  const evidence = createEvidence(deps);
  /** A bulk action (批量): the single action on each record, each alone, a result per record (engine fireEach). */
  const bulk =
    (definition: Parameters<typeof deps.workflow.fireEach>[0], one: (actor: Actor, id: number, action: string, input: unknown) => Promise<unknown>) =>
    (actor: Actor, ids: readonly number[], action: string, input: unknown) =>
      deps.workflow.fireEach(definition, action, ids, (id) => one(actor, id, action, input));

  return {
    membershipWorkflow: memberships.workflow,

    /** 就业形态 in the words and order of the dictionary (字典); `enabled`: still offered on forms. */
    async employmentForms() {
      return (await deps.dictionaries.read(EMPLOYMENT_FORM_DICTIONARY.name)).map((e) => ({ code: e.code, label: e.label, enabled: e.enabled }));
    },
    joinWorkflow: applications.workflow,
    transferWorkflow: transfers.workflow,

    // ——— public: the phone pages ———
    publicUnion: unions.publicUnion,
    suggestUnions: unions.suggestUnions,
    findUnions: unions.findUnions,
    /** Open memberships per union of a subtree (other modules' rates). */
    openMembersByUnion: unions.openMembersByUnion,
    apply: applications.apply,
    applicationByTracking: applications.applicationByTracking,
    cancelApplication: applications.cancelApplication,
    transferByTracking: transfers.transferByTracking,
    requestResumeCode: phoneAccess.requestResumeCode,
    applicationsByPhone: phoneAccess.applicationsByPhone,
    /** Whose number is this, for a worker's first sign-in by code (module.ts workerForPhone). */
    workerForPhone: phoneAccess.workerForPhone,
    cancelTransferByTracking: transfers.cancelTransferByTracking,

    // ——— staff: applications ———
    listApplications: applications.listApplications,
    actOnApplication: applications.actOnApplication,
    actOnApplications: bulk(applications.workflow, applications.actOnApplication),

    // ——— staff: the registry ———
    addMember: applications.addMember,
    list: queries.list,
    totalOf: queries.totalOf,
    count: queries.count,
    pages: queries.pages,
    detail: queries.detail,
    prepareExport,
    revealResidentId: memberships.revealResidentId,
    act: memberships.act,
    actOnMembers: bulk(memberships.workflow, memberships.act),
    deemedWithdrawalCandidates: memberships.deemedWithdrawalCandidates,

    // ——— a worker's own: 我的会籍, the e-card and its scan ———
    myMembership: mine.mine,
    myCardToken: mine.cardToken,
    verifyCard: mine.verifyCard,
    actOnMyMembership: mine.actOnMine,
    requestMyPhoneCode: mine.requestPhoneCode,
    changeMyPhone: mine.changePhone,
    requestMyTransfer: mine.requestTransfer,
    actOnMyTransfer: mine.actOnMyTransfer,
    // ——— the dues module's seam (evidence.ts) ———
    openMembersIn: evidence.openMembersIn,
    recordEvidence: evidence.recordEvidence,

    // ——— transfers ———
    requestTransfer: transfers.requestTransfer,
    listTransfers: transfers.listTransfers,
    actOnTransfer: transfers.actOnTransfer,
    actOnTransfers: bulk(transfers.workflow, transfers.actOnTransfer),
  };
}

export type MemberService = ReturnType<typeof createMemberService>;
