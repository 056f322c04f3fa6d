/**
 * A person's fields as the registry checks and searches them. Kept apart from
 * the service so that the roster import's worker thread (stage-lines.ts) can
 * use them without loading the service and everything it imports: every
 * module a worker loads is memory the import holds while it runs.
 */
import { ageOn, parseCreditCode, parseMobile, parseResidentId } from '../../platform/cn-ids.js';
import type { FieldIssue } from '../../platform/errors.js';
import { buildSearchDocument } from '../../platform/search-tokens.js';
import { type EmploymentForm, NEW_FORMS } from './schema.js';
import { cardNoSearchTokens } from './card-number.js';

/** The constitution's minimum age for joining (周岁). */
export const MIN_AGE = 16;

/** Whether someone born on `birthDate` is old enough to join on `date`: today, and on the date of joining. */
export const oldEnoughOn = (birthDate: string, date: string) => ageOn(birthDate, date) >= MIN_AGE;

/**
 * Why a joining is refused, in the words of the union's desk (joiningIssues,
 * memberships.ts openMembership), which a roster import's line says too (stage-lines.ts,
 * import/service.ts): one rule, one wording, whichever way a member is entered.
 */
export const JOINING_REFUSED = {
  /** Under 16 today: a matter of the ID. */
  tooYoung: `未满 ${MIN_AGE} 周岁，不能加入工会`,
  /** Old enough today, but not on the date of joining. */
  joinedBeforeMinAge: `入会日期早于本人年满 ${MIN_AGE} 周岁之日`,
  /**
   * Memberships follow one another: a back-dated joining cannot reach into the
   * person's last one. `%s` is its end date (the import fills it in with SQL's `format`).
   */
  joinedBeforePreviousEnd: '入会日期不能早于此前会籍的终止日期（%s）',
} as const;

/** A real name after removing spaces: 2–30 Han characters or letters (with the middle dot of minority names). */
export const PERSON_NAME = /^[\p{Script=Han}·•A-Za-z]{2,30}$/u;

/** What someone works as and for: joining, staff entry and a transfer after a change of job take it. */
export interface Employment {
  employmentForm: EmploymentForm;
  employerName?: string | null;
  employerCreditCode?: string | null;
  platformName?: string | null;
}

/** Only the employment fields of a row: spreading the whole row would give a new membership the row's id. */
export const employmentOf = (row: Employment): Employment => ({
  employmentForm: row.employmentForm,
  employerName: row.employerName,
  employerCreditCode: row.employerCreditCode,
  platformName: row.platformName,
});

/** A field of the joining form; a roster's column of the same name (read-roster.ts FIELD_LABELS). */
export type JoinerField = 'name' | 'residentId' | 'phone' | 'employerName' | 'employerCreditCode' | 'platformName' | 'joinedOn';

/** Why a field keeps someone from joining, in the words of the desk's form, which shows it beside the field. */
export interface JoiningIssue {
  field: JoinerField;
  reason: string;
  /**
   * `missing`: nothing was given; `fault`: the reason names only what is wrong
   * with the value (校验码错误). Where no field stands beside the reason (a
   * roster line), both need the field's name (stage-lines.ts lineReason).
   */
  kind?: 'missing' | 'fault';
}

/** Issues as a form's 400 names them: field and reason (the kind is for where no field stands beside them). */
export const formIssues = (issues: readonly JoiningIssue[]): FieldIssue[] => issues.map(({ field, reason }) => ({ field, reason }));

/**
 * The employment fields, trimmed, with the credit code checked and normalised
 * (null when it fails). `complete`: the employer, or for the new forms the
 * platform or employer, must be named, as the join form asks.
 */
export function checkEmployment(input: Employment, complete: boolean): { employment: Required<Employment>; issues: JoiningIssue[] } {
  const issues: JoiningIssue[] = [];
  let employerCreditCode: string | null = null;
  if (input.employerCreditCode?.trim()) {
    const parsed = parseCreditCode(input.employerCreditCode);
    if (parsed.ok) employerCreditCode = parsed.code;
    else issues.push({ field: 'employerCreditCode', reason: parsed.reason, kind: 'fault' });
  }
  const employerName = input.employerName?.trim() || null;
  const platformName = input.platformName?.trim() || null;
  if (complete && input.employmentForm === 'standard' && !employerName) issues.push({ field: 'employerName', reason: '请填写工作单位', kind: 'missing' });
  if (complete && NEW_FORMS.includes(input.employmentForm) && !platformName && !employerName) {
    issues.push({ field: 'platformName', reason: '请填写所在平台或单位', kind: 'missing' });
  }
  return { employment: { employmentForm: input.employmentForm, employerName, employerCreditCode, platformName }, issues };
}

/** Who joins, as typed into the join page or the desk's form, or read from a roster's line. */
export interface JoinerInput extends Employment {
  name: string;
  residentId: string;
  phone?: string | null;
}

/**
 * What joining asks of a person, however they join: on the join page and at
 * the union's desk (applications.ts `apply`, `addMember`) and on a roster's
 * line (import/stage-lines.ts). A real name; a resident ID that checks out, of
 * someone 16 today and on the joining date; a mobile number; a credit code
 * that checks out; the employer or platform the employment form needs; a
 * joining date not after today. Issues come in the form's order, the
 * values cleaned.
 *
 * A roster line (`roster: true`) differs in one rule: it needs no phone,
 * employer or platform. A roster lists the union's members as it has them,
 * often without those columns, and the registry keeps blanks; a phone or a
 * credit code it gives is checked all the same. The import reads its cells
 * before they come here (stage-lines.ts), and that reading differs too:
 * - an ID that Excel damaged (stored as a number, shown as 3.30482E+17, a
 *   trailing X dropped) is named as Excel's doing, not as a bad ID: the desk's
 *   form never holds a spreadsheet's cell;
 * - an unreadable or future joining date is taken as the import day with a
 *   note, where the desk refuses it: a slip of the roster's date column is not
 *   a decision about the person, and the desk's user corrects it there and then;
 * - an employer's or platform's name longer than its column is cut to it,
 *   where the desk's form refuses it: the member is real, and those names are
 *   optional on a roster.
 */
export function joiningIssues(input: JoinerInput, on: { today: string; joinedOn: string; roster?: boolean }) {
  const issues: JoiningIssue[] = [];
  const name = input.name.replace(/\s+/g, '');
  const nameReason = '请填写真实姓名（2–30 个汉字或字母）';
  if (!name) issues.push({ field: 'name', reason: nameReason, kind: 'missing' });
  else if (!PERSON_NAME.test(name)) issues.push({ field: 'name', reason: nameReason });
  const parsed = input.residentId.trim() ? parseResidentId(input.residentId) : null;
  if (!parsed) issues.push({ field: 'residentId', reason: '请填写身份证号', kind: 'missing' });
  else if (!parsed.ok) issues.push({ field: 'residentId', reason: parsed.reason, kind: 'fault' });
  else if (!oldEnoughOn(parsed.birthDate, on.today)) issues.push({ field: 'residentId', reason: JOINING_REFUSED.tooYoung });
  const id = parsed?.ok ? parsed : null;
  let phone: string | null = null;
  if (input.phone) {
    const mobile = parseMobile(input.phone);
    if (mobile.ok) phone = mobile.mobile;
    else issues.push({ field: 'phone', reason: mobile.reason });
  } else if (!on.roster) {
    issues.push({ field: 'phone', reason: '请填写手机号', kind: 'missing' });
  }
  const { employment, issues: employmentIssues } = checkEmployment(input, !on.roster);
  issues.push(...employmentIssues);
  if (on.joinedOn > on.today) issues.push({ field: 'joinedOn', reason: '入会日期不能晚于今天' });
  // Under 16 today is the ID's issue already.
  else if (id && oldEnoughOn(id.birthDate, on.today) && !oldEnoughOn(id.birthDate, on.joinedOn)) issues.push({ field: 'joinedOn', reason: JOINING_REFUSED.joinedBeforeMinAge });
  return { issues, joiner: { name, id, phone, employment } };
}

/**
 * The search document of a membership: the person, as staff look someone up
 * (name, pinyin, initials, last digits of the ID, phone, card number). The
 * employer is a filter of the list, not a search term: its characters and
 * bigrams would more than double every member's index entries and let a
 * query for a surname match a whole company. The roster import builds the
 * same document in two parts: `memberSearchDocument` without the card number
 * (not known until commit), then card-number.ts `cardNoSearchTokensSql`.
 */
export const memberSearchDocument = (m: { name: string; idMasked: string; phone: string | null; card?: { cardNo: string; id: number } }) =>
  buildSearchDocument({
    personNames: [m.name],
    exact: [...personCodes(m), ...(m.card ? cardNoSearchTokens(m.card.cardNo, m.card.id) : [])],
  });

/**
 * The search token of a whole phone number carries this prefix, so that only
 * viewers who may see whole numbers find a member by one (disclosure.ts); the
 * last four digits, shown in every mask, are a token of their own.
 */
export const WHOLE_PHONE_TOKEN = 'tel';

/** The ID's and the phone's search codes: the ID's last four characters (shown in its mask), the phone whole (prefixed) and its last four. */
export const personCodes = (m: { idMasked: string; phone: string | null }) => [m.idMasked.slice(-4), m.phone && `${WHOLE_PHONE_TOKEN}${m.phone}`, m.phone?.slice(-4)];

