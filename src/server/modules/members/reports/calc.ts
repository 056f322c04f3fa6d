import { addDays } from '../../../platform/beijing-time.js';
import { EMPLOYMENT_FORMS, type EmploymentForm, NEW_FORMS } from '../schema.js';
import { type Figures, MEASURES, type Measures, type Rates, type Standing } from './types.js';

/**
 * Pure parts of the reports: business dates (plain `YYYY-MM-DD`, Asia/Shanghai
 * days), periods, completion rates and the ranking. No database here.
 */

const toUtc = (day: string) => new Date(`${day}T00:00:00Z`);
const format = (date: Date) => date.toISOString().slice(0, 10);

/** A real calendar day in `YYYY-MM-DD` (rejects 2026-02-30). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = toUtc(value);
  return !Number.isNaN(date.getTime()) && format(date) === value;
}

export const yearOf = (day: string) => Number(day.slice(0, 4));
export const yearStart = (year: number) => `${year}-01-01`;
const pad = (n: number) => String(n).padStart(2, '0');

/** Last day of a month (month 1..12). */
export const monthEnd = (year: number, month: number) => format(new Date(Date.UTC(year, month, 0)));

/** 周报告: the Monday–Sunday week containing `day`. */
export function weekOf(day: string) {
  const offset = (toUtc(day).getUTCDay() + 6) % 7;
  const start = addDays(day, -offset);
  return { start, end: addDays(start, 6) };
}

/** 半月通报: the 1st–15th or the 16th–last of the month containing `day`. */
export function halfMonthOf(day: string) {
  const year = yearOf(day);
  const month = Number(day.slice(5, 7));
  const prefix = `${year}-${pad(month)}`;
  return Number(day.slice(8, 10)) <= 15 ? { start: `${prefix}-01`, end: `${prefix}-15` } : { start: `${prefix}-16`, end: monthEnd(year, month) };
}

/** A bulletin period ends on the 15th or on the last day of a month. */
export const isPeriodEnd = (day: string) => isDay(day) && halfMonthOf(day).end === day;

/** 月例会: `YYYY-MM` → its first and last day, and the month before. */
export function monthOf(month: string) {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const start = `${year}-${pad(m)}-01`;
  const previousEnd = addDays(start, -1);
  return { year, start, end: monthEnd(year, m), previous: { month: previousEnd.slice(0, 7), end: previousEnd } };
}

export const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

// ——— figures ———

export const emptyByForm = () => Object.fromEntries(Object.keys(EMPLOYMENT_FORMS).map((f) => [f, 0])) as Record<EmploymentForm, number>;
export const emptyFigures = (): Figures => ({ newUnions: 0, newMembers: 0, newFormMembers: 0, byForm: emptyByForm() });

/** Nothing founded and nobody joined (new-form members are among the new members). */
export const isEmpty = (f: Figures) => f.newUnions === 0 && f.newMembers === 0;

export function addMembers(figures: Figures, form: EmploymentForm, n: number) {
  figures.newMembers += n;
  figures.byForm[form] = (figures.byForm[form] ?? 0) + n;
  if (NEW_FORMS.includes(form)) figures.newFormMembers += n;
}

export function sumFigures(list: Figures[]): Figures {
  const total = emptyFigures();
  for (const f of list) {
    total.newUnions += f.newUnions;
    for (const [form, n] of Object.entries(f.byForm)) addMembers(total, form as EmploymentForm, n);
  }
  return total;
}

export function sumTargets(list: (Measures | null)[]): Measures | null {
  const present = list.filter((t): t is Measures => t !== null);
  if (present.length === 0) return null;
  return { newUnions: present.reduce((s, t) => s + t.newUnions, 0), newMembers: present.reduce((s, t) => s + t.newMembers, 0), newFormMembers: present.reduce((s, t) => s + t.newFormMembers, 0) };
}

// ——— completion and ranking ———

/** Ratios kept to four decimals (0.01%): what the bulletin shows is what it ranks on. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function ratesOf(achieved: Measures, target: Measures | null): Rates {
  const rate = (key: keyof Measures) => (target && target[key] > 0 ? round4(achieved[key] / target[key]) : null);
  return { newUnions: rate('newUnions'), newMembers: rate('newMembers'), newFormMembers: rate('newFormMembers') };
}

/** 综合完成率: the mean of the measures that have a target, each capped at 100%; null with no target at all. */
export function scoreOf(rates: Rates): number | null {
  const present = MEASURES.map((k) => rates[k]).filter((r): r is number => r !== null);
  if (present.length === 0) return null;
  return round4(present.reduce((s, r) => s + Math.min(r, 1), 0) / present.length);
}

/**
 * Rank by score, highest first; equal scores share a rank (1, 2, 2, 4).
 * Districts without a score are not ranked. "Last" is the bottom rank, and
 * only when the ranking separates anyone: when all tie, nobody is last.
 */
export function rank<T extends Omit<Standing, 'rank' | 'last'>>(rows: T[]): (T & { rank: number | null; last: boolean })[] {
  const scored = rows.filter((r) => r.score !== null).map((r) => r.score!);
  const rankOf = (score: number) => 1 + scored.filter((s) => s > score).length;
  const ranks = rows.map((r) => (r.score === null ? null : rankOf(r.score)));
  const bottom = Math.max(0, ...ranks.map((r) => r ?? 0));
  const separated = bottom > 1;
  const ranked = rows.map((r, i) => ({ ...r, rank: ranks[i], last: separated && ranks[i] === bottom }));
  // Ranked first by rank, the unranked after them in their given order.
  return ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.rank ?? Infinity) - (b.r.rank ?? Infinity) || a.i - b.i)
    .map(({ r }) => r);
}
