import type { Db } from '../db/client.js';
import type { Services } from '../services.js';
import { prng } from './people.js';
import { actorOf } from './proposals.js';

/**
 * 会费与组织生活 in the demo county: six unions have ten months of dues (enough for
 * the six-month rule, and the demo loads within its minute) — the
 * first month from the payroll each employer sends, then a payroll a month —
 * with members who stopped paying some eight months ago (the deemed-withdrawal
 * candidates), one of whom has come to the station's training since (so he is
 * not one); a hardship exemption at 嘉达 and a retired member at 恒力. Five
 * unions have recorded no dues yet: the candidates page counts their members
 * as "no dues data" for them to fix. Activities with attendance at the
 * station, 嘉达 and 恒力, and one at the station today, for its check-in QR.
 */

/** Unions keeping dues, with the wage range of their payroll (yuan). */
const PAYROLLS: Record<string, { staff: string; wage: [number, number]; stopped: number }> = {
  jiada: { staff: 'danghu_staff', wage: [4800, 9200], stopped: 3 },
  meiyi: { staff: 'danghu_staff', wage: [4200, 7000], stopped: 1 },
  rider_station: { staff: 'danghu_staff', wage: [5200, 9800], stopped: 4 },
  hengli: { staff: 'zhongdai_staff', wage: [5000, 11_000], stopped: 2 },
  shuntong: { staff: 'zhongdai_staff', wage: [4600, 8800], stopped: 2 },
  caoqiao_textile: { staff: 'pinghu_staff', wage: [4000, 6800], stopped: 1 },
};

/** Months of payrolls each union has imported: those who stopped eight months ago paid the first three. */
const DUES_MONTHS = 10;

const monthsBack = (today: string, n: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

export async function loadDemoDues(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const today = services.today();
  const r = prng(1414);
  let records = 0;
  for (const [key, payroll] of Object.entries(PAYROLLS)) {
    const actor = await actorOf(db, services, payroll.staff);
    const org = (await services.orgs.byId(orgIds[key]))!;
    const people = await services.members.openMembersIn(org, null);
    // Who stopped paying eight months ago: the last of the roll among those who joined before the year of dues.
    const stopped = new Set(
      people
        .filter((m) => m.joinedOn < `${monthsBack(today, 12)}-01`)
        .slice(-payroll.stopped)
        .map((m) => m.id),
    );
    const wages = new Map(people.map((m) => [m.id, Math.round(payroll.wage[0] + r() * (payroll.wage[1] - payroll.wage[0])) + Math.round(r() * 99) / 100]));
    if (key === 'jiada') await services.dues.addExemption(actor, { orgId: org.id, membershipId: people[1].id, reason: 'hardship', fromMonth: monthsBack(today, 6) });
    if (key === 'hengli') await services.dues.addExemption(actor, { orgId: org.id, membershipId: people[2].id, reason: 'retired', fromMonth: monthsBack(today, 9) });
    for (let back = DUES_MONTHS; back >= 1; back--) {
      const month = monthsBack(today, back);
      const lines = people.filter((m) => m.joinedOn <= `${month}-28` && !(stopped.has(m.id) && back < 8));
      if (lines.length === 0) continue;
      const csv = ['姓名,会员证号,应发工资(元)', ...lines.map((m) => `${m.name},${m.cardNo},${((wages.get(m.id) ?? 5000) * (0.95 + r() * 0.1)).toFixed(2)}`)].join('\r\n');
      const upload = await services.duesImports.upload(actor, { orgId: org.id, month, fileName: `${org.name.replace('工会', '')}${month.replace('-', '年')}月工资表.csv`, bytes: Buffer.from(csv) });
      if (upload.rejected > 0) throw new Error(`demo payroll ${key} ${month}: ${upload.rejected} lines refused`);
      await services.duesImports.commit(actor, upload.id);
      records += lines.length;
    }
    // The months they did not pay, as the union recorded them for the last two months.
    for (const m of people.filter((p) => stopped.has(p.id))) {
      for (const back of [2, 1]) await services.dues.record(actor, { orgId: org.id, membershipId: m.id, month: monthsBack(today, back), wageFen: null, paid: false });
    }
  }

  const station = await actorOf(db, services, 'danghu_staff');
  const riders = await services.members.openMembersIn((await services.orgs.byId(orgIds.rider_station))!, null);
  const training = await services.activities.create(station, { orgId: orgIds.rider_station, title: '骑手安全骑行与防暑培训', heldOn: `${monthsBack(today, 2)}-18`, place: '当湖站点骑手驿站' });
  // One who stopped paying came to the training: the activity keeps him off the candidates list.
  const lapsed = riders.filter((m) => m.joinedOn < `${monthsBack(today, 12)}-01`).at(-1)!;
  await services.activities.addAttendance(station, training.id, [...riders.slice(0, 10).filter((m) => m.id !== lapsed.id), lapsed].map((m) => m.id));
  await services.activities.create(station, { orgId: orgIds.rider_station, title: '骑手驿站开放日', heldOn: today, place: '当湖站点骑手驿站' });
  const jiada = await services.members.openMembersIn((await services.orgs.byId(orgIds.jiada))!, null);
  const contest = await services.activities.create(station, { orgId: orgIds.jiada, title: '职工技能比武（光学镀膜）', heldOn: `${monthsBack(today, 4)}-22`, place: '嘉达公司二号车间' });
  await services.activities.addAttendance(station, contest.id, jiada.slice(0, 14).map((m) => m.id));
  const zhongdai = await actorOf(db, services, 'zhongdai_staff');
  const hengli = await services.members.openMembersIn((await services.orgs.byId(orgIds.hengli))!, null);
  const openDay = await services.activities.create(zhongdai, { orgId: orgIds.hengli, title: '职工之家开放日', heldOn: `${monthsBack(today, 1)}-12`, place: '恒力公司职工之家' });
  await services.activities.addAttendance(zhongdai, openDay.id, hengli.slice(0, 9).map((m) => m.id));
  log(`会费记录 ${records} 条（${Object.keys(PAYROLLS).length} 个工会），组织生活 4 次`);
}
