/**
 * Chinese full-text search on PostgreSQL's built-in 'simple' text search config.
 *
 * PostgreSQL cannot segment Chinese, so we do it here: a document is a
 * space-separated token string, stored as a tsvector by `searchVector` (each
 * token one lexeme, as is) and user input becomes a `to_tsquery('simple', …)`
 * string built to match it.
 *
 * Matching scheme:
 * - Han text is indexed as every single character and every adjacent pair
 *   (bigram), plus jieba words for ranking. A query for Han text ANDs its
 *   bigrams (or uses the character itself when only one is typed), so any
 *   substring of a name or organisation name matches.
 * - Names also get full pinyin ('zhangsan') and initials ('zs'); latin and
 *   digit query words are prefix matches, so 'zhang', 'zs' and '1381' all work.
 * - Every token consists of letters, digits and combining marks only, so it
 *   can never break tsvector/tsquery syntax or be split differently by the
 *   PostgreSQL parser.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { type SQL, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';

type MaybeText = string | null | undefined;

export type NameKind = 'person' | 'org';

export interface SearchDocumentInput {
  /** Personal names: Han substrings, pinyin with surname readings (单 → shan) and initials. */
  personNames?: readonly MaybeText[];
  /** Organisation names: Han substrings, pinyin and initials of the whole name and of each word. */
  orgNames?: readonly MaybeText[];
  /** Free text: words, Han characters and bigrams. */
  texts?: readonly MaybeText[];
  /** Codes kept whole (lower-cased, punctuation removed), e.g. division codes or phone tails. */
  exact?: readonly MaybeText[];
}

/** Longer tokens are useless for search; this also keeps lexemes far below PostgreSQL's 2 KB limit. */
const MAX_TOKEN_LENGTH = 64;
/** Dropping extra terms only widens a query, and keeps pasted essays from producing huge queries. */
const MAX_QUERY_TERMS = 32;

const HAN = /\p{Script=Han}/u;

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

/** Loading the jieba dictionary takes a few hundred milliseconds, so do it once and only when needed. */
function segmenter(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/**
 * Splits text into runs that are either all Han characters or a latin/digit
 * (or other script) word. Full-width forms are folded by NFKC and everything
 * is lower-cased; punctuation, symbols and emoji separate runs and are dropped.
 */
function segments(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .replace(/\p{Script=Han}+/gu, ' $& ')
    .split(' ')
    .map((segment) => segment.replace(/^\p{M}+/u, '')) // a combining mark cannot start a word
    .filter(Boolean);
}

function isHan(segment: string): boolean {
  return HAN.test(segment);
}

/** Adjacent character pairs; Array.from keeps supplementary-plane characters whole. */
function bigrams(chars: readonly string[]): string[] {
  return chars.slice(1).map((char, i) => chars[i] + char);
}

function textTokens(text: string): string[] {
  return segments(text).flatMap((segment) => {
    if (!isHan(segment)) return [segment];
    const chars = Array.from(segment);
    const words = segmenter()
      .cutForSearch(segment, true)
      .filter((word) => Array.from(word).length > 2); // shorter words are already bigrams or characters
    return [...chars, ...bigrams(chars), ...words];
  });
}

function exactTokens(code: string): string[] {
  const lower = code.toLowerCase();
  if (/^[0-9a-z]+$/.test(lower)) return [lower]; // digits and letters, as most codes are: nothing to fold or split
  const parts = segments(code);
  return parts.length > 1 ? [parts.join(''), ...parts] : parts;
}

/** Full pinyin and initials for Han text, e.g. '陈杰' → ['chenjie', 'cj']. */
function pinyinTokens(han: string, surnameReadings: boolean): string[] {
  const syllables = pinyin(han, {
    toneType: 'none',
    type: 'array',
    v: true, // ü → v, as typed on keyboards
    mode: surnameReadings ? 'surname' : 'normal',
    surname: surnameReadings ? 'head' : 'off',
  }).filter((syllable) => /^[a-z]+$/.test(syllable)); // characters pinyin-pro does not know come back unchanged
  if (syllables.length === 0) return [];
  return [syllables.join(''), syllables.map((syllable) => syllable[0]).join('')];
}

/**
 * Pinyin search tokens for a name: full spelling without tones and initials.
 * Personal names use surname readings for the first character (单 shan, 曾 zeng,
 * 解 xie) and also the ordinary reading, since users type either. Organisation
 * names use ordinary readings (区总工会 is qu-, not ou-) and add each word's
 * pinyin so that 'danghu' finds 平湖市当湖街道总工会.
 */
export function nameTokens(name: string, kind: NameKind = 'person'): string[] {
  const hanRuns = segments(name).filter(isHan);
  const han = hanRuns.join('');
  if (!han) return [];
  if (kind === 'person') {
    return unique([...pinyinTokens(han, true), ...pinyinTokens(han, false)]);
  }
  const words = hanRuns.flatMap((run) => segmenter().cut(run, true)).filter((word) => Array.from(word).length > 1);
  return unique([han, ...words].flatMap((text) => pinyinTokens(text, false)));
}

function unique(tokens: Iterable<string>): string[] {
  return [...new Set(tokens)];
}

const present = (values: readonly MaybeText[] = []) => values.filter((value): value is string => !!value);

/** The token string of a document, to store with `searchVector`. */
export function buildSearchDocument(input: SearchDocumentInput): string {
  const tokens = [
    ...present(input.personNames).flatMap((name) => [...textTokens(name), ...nameTokens(name, 'person')]),
    ...present(input.orgNames).flatMap((name) => [...textTokens(name), ...nameTokens(name, 'org')]),
    ...present(input.texts).flatMap(textTokens),
    ...present(input.exact).flatMap(exactTokens),
  ];
  return unique(tokens.filter((token) => token.length <= MAX_TOKEN_LENGTH)).join(' ');
}

/**
 * A document's tsvector: each space-separated token one lexeme. The tokens
 * are already folded and split here, so PostgreSQL's text-search parser has
 * nothing left to do, and array_to_tsvector skips it (four times cheaper than
 * to_tsvector on a bulk import); positions are not kept, no query uses them.
 */
export const searchVector = (document: string | SQL) => sql`array_to_tsvector(array_remove(string_to_array(${document}, ' '), ''))`;

/** Shorthand for a document made of free text only. */
export function searchTokens(...texts: MaybeText[]): string {
  return buildSearchDocument({ texts });
}

/**
 * Whether what was typed is what a search box holds mid-typing and may match a tenth of a county: one Han
 * character (a surname), one latin word of up to six letters (a pinyin syllable, two or three initials), or
 * up to three digits. Lists plan such a search differently (members/queries.ts `broadSearchPage`).
 */
export function mayMatchMany(userInput: string): boolean {
  const words = segments(userInput);
  if (words.length !== 1) return false;
  const [word] = words;
  return isLoneHan(word) || /^[a-z]{1,6}$/.test(word) || /^\d{1,3}$/.test(word);
}

const isLoneHan = (word: string) => isHan(word) && Array.from(word).length === 1;

/** The one Han character typed, as documents hold it (a lone surname mid-typing), or null. */
export function loneHanCharacter(userInput: string): string | null {
  const words = segments(userInput);
  return words.length === 1 && isLoneHan(words[0]) ? words[0] : null;
}

/**
 * Turns what a user typed into a `to_tsquery('simple', …)` string matching
 * documents from `buildSearchDocument`, or null when there is nothing to search for.
 * All terms are ANDed: Han runs as bigrams (a lone character as itself),
 * other words as prefixes. `alternatives` lets a caller also match a word
 * under other spellings of its own (each a prefix too, ORed with the word).
 */
export function searchQuery(userInput: string, options: { alternatives?: (word: string) => string[] } = {}): string | null {
  const prefix = (word: string) => `'${Array.from(word).slice(0, MAX_TOKEN_LENGTH).join('')}':*`;
  const terms = unique(
    segments(userInput).flatMap((segment) => {
      if (!isHan(segment)) {
        const others = options.alternatives?.(segment) ?? [];
        return [others.length ? `(${[segment, ...others].map(prefix).join(' | ')})` : prefix(segment)];
      }
      const chars = Array.from(segment);
      return chars.length === 1 ? [`'${segment}'`] : bigrams(chars).map((pair) => `'${pair}'`);
    }),
  ).slice(0, MAX_QUERY_TERMS);
  return terms.length > 0 ? terms.join(' & ') : null;
}
