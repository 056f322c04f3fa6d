import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/client.js';
import { systemActor } from '../platform/actor.js';
import type { Services } from '../services.js';
import { DEMO_PARK_FIRMS, DEMO_WORKPLACES } from './activity.js';
import { employmentAt, mobile, personName, pinghuResidentId, prng } from './people.js';

/**
 * The register of a real county (issue 15): some 20,000 members across the Pinghu unions, written the way
 * a county office fills its register — each union's roster (花名册) imported through the roster import,
 * set-based, so the load takes seconds, not 20,000 single calls, and the import page has a history. Valid
 * resident IDs of 平湖, common names, about 15% new-form workers (the rider station, the couriers, the
 * new-forms union, the logistics firms' truck drivers). Loaded before the activity part, so its bulletins
 * and the weekly reports count them.
 */

/** Members per union by roster; new forms: riders, couriers, the gig union and a quarter of the logistics staff. */
export const DEMO_ROSTERS: Record<keyof typeof DEMO_WORKPLACES, number> = {
  jiada: 3600,
  hengli: 3200,
  meiyi: 2600,
  caoqiao_textile: 2300,
  xindai_food: 1900,
  shuntong: 1400,
  zhapu_port: 1500,
  rider_station: 900,
  courier_union: 700,
  new_forms: 800,
  danghu_park: 1100,
};

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export async function loadDemoRegister(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const actor = systemActor(await services.rootOrg());
  const today = services.today();
  const r = prng(15_020_000);
  const ids = new Set<string>();
  const phones = new Set<string>();
  const dir = await mkdtemp(join(tmpdir(), 'lianxin-demo-'));
  let total = 0;
  try {
    for (const [key, count] of Object.entries(DEMO_ROSTERS)) {
      const place = DEMO_WORKPLACES[key];
      const org = await services.orgs.byId(orgIds[key]);
      const from = dayMs(org?.foundedOn && org.foundedOn > '2008-01-01' ? org.foundedOn : '2008-01-01');
      const lines = ['姓名,身份证号,手机号,就业形态,工作单位,所在平台,入会日期'];
      for (let i = 0; i < count; i++) {
        // Most joined over the years, one in twelve this year (the reports' new members).
        const start = r() < 0.08 ? Math.max(from, dayMs(`${today.slice(0, 4)}-01-01`)) : from;
        const joined = start + Math.floor(r() * ((dayMs(today) - start) / DAY)) * DAY;
        let residentId: string;
        // Sequences 500–999: the activity part's people take theirs from 100 up.
        do residentId = pinghuResidentId(isoDay(joined - (18 + r() * 37) * 365.25 * DAY), 500 + Math.floor(r() * 500));
        while (ids.has(residentId));
        ids.add(residentId);
        let phone: string;
        do phone = mobile(r);
        while (phones.has(phone));
        phones.add(phone);
        const job = employmentAt(place.kind, place.employer, r, DEMO_PARK_FIRMS);
        lines.push([personName(r), residentId, phone, job.form, job.employer ?? '', job.platform ?? '', isoDay(joined)].join(','));
      }
      const path = join(dir, `${key}.csv`);
      await writeFile(path, `${lines.join('\r\n')}\r\n`);
      const staged = await services.memberImports.upload(actor, { orgId: orgIds[key], fileName: `${org?.name ?? key}会员花名册.csv`, path, wait: true });
      await services.memberImports.commit(actor, staged.id);
      total += count;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  log(`会员花名册 rosters: ${Object.keys(DEMO_ROSTERS).length}，会员 members: ${total}`);
}
