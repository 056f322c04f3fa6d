/**
 * A person's fields as the registry checks and searches them. Kept apart from
 * the service so that the roster import's worker thread (stage-lines.ts) can
 * use them without loading the service and everything it imports: every
 * module a worker loads is memory the import holds while it runs.
 */
import { ageOn } from '../../platform/cn-ids.js';
import { buildSearchDocument } from '../../platform/search-tokens.js';

/** The constitution's minimum age for joining (周岁). */
export const MIN_AGE = 16;

/** Whether someone born on `birthDate` is old enough to join on `date`: today, and on the date of joining. */
export const oldEnoughOn = (birthDate: string, date: string) => ageOn(birthDate, date) >= MIN_AGE;

/**
 * Why a joining is refused, in the words of the union's desk (MemberService:
 * addMember, openMembership), which a roster import's line says too (stage-lines.ts,
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

/**
 * The search document of a membership: the person, as staff look someone up
 * (name, pinyin, initials, last digits of the ID, phone, card number). The
 * employer is a filter of the list, not a search term: its characters and
 * bigrams would more than double every member's index entries and let a
 * query for a surname match a whole company. The roster import builds the
 * same document in two parts: `memberSearchDocument` without the card number
 * (not known until commit), then `cardNoSearchTokens` in SQL.
 */
export const memberSearchDocument = (m: { name: string; idMasked: string; phone: string | null; cardNo?: string }) =>
  buildSearchDocument({
    personNames: [m.name],
    exact: [...personCodes(m), ...(m.cardNo ? cardNoSearchTokens(m.cardNo) : [])],
  });

/**
 * The search token of a whole phone number carries this prefix, so that only
 * viewers who may see whole numbers find a member by one (disclosure.ts); the
 * last four digits, shown in every mask, are a token of their own.
 */
export const WHOLE_PHONE_TOKEN = 'tel';

/** The ID's and the phone's search codes: the ID's last four characters (shown in its mask), the phone whole (prefixed) and its last four. */
export const personCodes = (m: { idMasked: string; phone: string | null }) => [m.idMasked.slice(-4), m.phone && `${WHOLE_PHONE_TOKEN}${m.phone}`, m.phone?.slice(-4)];

/** A card number '330482-000000123' is found whole or by its serial (the tenant part alone would match everyone). */
const cardNoSearchTokens = (cardNo: string) => [cardNo.replace('-', ''), cardNo.slice(cardNo.indexOf('-') + 1)];
