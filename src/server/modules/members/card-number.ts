import { type SQL, sql } from 'drizzle-orm';

/**
 * 会员证号: how a membership's card number is written. A format of literal text and placeholders:
 * `{division}` the GB/T 2260 code of the union or its nearest ancestor that has one (the county's, for a
 * grassroots union), `{year}` the year of joining, `{serial}` or `{serial:N}` (at least N digits, zero-padded)
 * the membership's number, `{tenant}` the county federation's id. The serial is the membership's id, unique
 * across the database, so every format keeps numbers unique; a format without it is refused.
 *
 * The default reads `330482` `2026` `0001234`: the county, the year, the serial.
 */
export const DEFAULT_CARD_NUMBER_FORMAT = '{division}{year}{serial:7}';

const PLACEHOLDER = /\{(division|year|tenant|serial)(?::(\d{1,2}))?\}/g;

/** The column's width (memberships.card_no). */
export const CARD_NO_LENGTH = 32;
/** The most characters a placeholder writes: ids are 32-bit, so at most 10 digits. */
const widest = (name: string, width?: string) => (name === 'division' ? 6 : name === 'year' ? 4 : Math.max(10, Number(width ?? 0)));

/** The format's problem in Chinese, or null when it can be used. */
export function cardNumberFormatIssue(format: string): string | null {
  if (!format.includes('{serial')) return '会员证号格式须包含流水号 {serial}，否则证号会重复';
  const rest = format.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) return '会员证号格式只能使用 {division}、{year}、{serial}、{serial:位数}、{tenant}';
  if (!/^[0-9A-Za-z-]*$/.test(rest)) return '会员证号格式中的固定文字只能是字母、数字或连字符';
  const longest = [...format.matchAll(PLACEHOLDER)].reduce((sum, [, name, width]) => sum + widest(name, width), rest.length);
  if (longest > CARD_NO_LENGTH) return `按此格式证号最长可达 ${longest} 位，不能超过 ${CARD_NO_LENGTH} 位`;
  return null;
}

/**
 * The default of the setting `members.cardNumberFormat` (settings.ts), which is where the format in use is
 * read: the environment's LIANXIN_CARD_NUMBER_FORMAT, else DEFAULT_CARD_NUMBER_FORMAT. An environment format
 * that cannot be used stops the server at start-up (main.ts) rather than writing numbers that collide.
 */
export function cardNumberFormatFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const format = env.LIANXIN_CARD_NUMBER_FORMAT?.trim() || DEFAULT_CARD_NUMBER_FORMAT;
  const issue = cardNumberFormatIssue(format);
  if (issue) throw new Error(`LIANXIN_CARD_NUMBER_FORMAT: ${issue}`);
  return format;
}

/** The division code a union's card numbers carry: its own, or its nearest ancestor's that has one. */
export const divisionOfSql = (orgPath: SQL) =>
  sql`coalesce((select o.division_code from orgs o where o.path @> ${orgPath} and o.division_code is not null order by o.depth desc limit 1), '000000')`;

/**
 * The card number as one SQL expression of the membership's columns, so the desk, a transfer and the
 * roster import's set-based commit write it the same way: `division` (divisionOfSql, or its value read once
 * for a whole import), `joinedOn` (date), `id` and `tenantId`.
 */
export function cardNumberSql(format: string, m: { division: SQL; joinedOn: SQL; id: SQL; tenantId: SQL }): SQL {
  const parts: SQL[] = [];
  let at = 0;
  for (const match of format.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push(sql`${format.slice(at, match.index)}::text`);
    const [, name, width] = match;
    if (name === 'division') {
      parts.push(m.division);
    } else if (name === 'year') {
      parts.push(sql`extract(year from ${m.joinedOn})::int::text`);
    } else if (name === 'tenant') {
      parts.push(sql`${m.tenantId}::text`);
    } else {
      const digits = Number(width ?? 0);
      parts.push(digits ? sql`case when length(${m.id}::text) >= ${digits} then ${m.id}::text else lpad(${m.id}::text, ${digits}, '0') end` : sql`${m.id}::text`);
    }
    at = match.index + match[0].length;
  }
  if (at < format.length) parts.push(sql`${format.slice(at)}::text`);
  return sql`(${sql.join(parts, sql` || `)})`;
}

/**
 * The same card number written in TypeScript, for what writes memberships without the database's help (the
 * benchmark's generator) and for tests; the API test holds it to `cardNumberSql`.
 */
export function formatCardNumber(format: string, m: { division: string | null; joinedOn: string; id: number; tenantId: number }): string {
  return format.replace(PLACEHOLDER, (_, name: string, width?: string) => {
    if (name === 'division') return m.division ?? '000000';
    if (name === 'year') return m.joinedOn.slice(0, 4);
    if (name === 'tenant') return String(m.tenantId);
    return String(m.id).padStart(Number(width ?? 0), '0');
  });
}

/**
 * A card number's search tokens: the number whole (its letters and digits, lower case as queries are), each
 * part between separators (so `PH-2026-36-000002` typed as printed matches), and the membership's serial as
 * plain digits, so staff find a member by the number on the card or by the serial alone.
 */
export const cardNoSearchTokens = (cardNo: string, id: number) => {
  const lower = cardNo.toLowerCase();
  const parts = lower.split(/[^0-9a-z]+/).filter(Boolean);
  return [parts.join(''), ...(parts.length > 1 ? parts : []), String(id)];
};

/** The same tokens in SQL (the roster import's commit), as a space-separated string. */
export const cardNoSearchTokensSql = (cardNo: SQL, id: SQL) =>
  sql`regexp_replace(lower(${cardNo}), '[^0-9a-z]', '', 'g') || case when ${cardNo} ~ '[^0-9A-Za-z]' then ' ' || trim(regexp_replace(lower(${cardNo}), '[^0-9a-z]+', ' ', 'g')) else '' end || ' ' || ${id}::text`;
