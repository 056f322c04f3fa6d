import { PRIVACY_NOTICE_VERSION } from '../modules/members/privacy-notice.js';
import { systemActor } from '../platform/actor.js';
import type { Services } from '../services.js';
import { CHEN_JIE_PHONE, demoCreditCode } from './load.js';
import { employmentAt, mobile, personName, pinghuResidentId, prng, type WorkplaceKind } from './people.js';

/**
 * What a county's registry looks like after some years of work, for the
 * demo (`npm run demo`): members in every union of the demo tree, applications
 * waiting at the rider station and the factories, transfers at each step, the
 * county's targets for the year and its half-monthly bulletins. Everything goes
 * through the services, so timelines, audit rows and notifications are the
 * product's own. The tests' fixture is `loadDemo` without this.
 */

/**
 * The demo's member-holding unions: what kind of workplace, its company, and how many members the desk
 * entered one by one (the many more of their rosters come from register.ts, imported).
 */
export const DEMO_WORKPLACES: Record<string, { kind: WorkplaceKind; employer: string | null; members: number }> = {
  jiada: { kind: 'factory', employer: '平湖嘉达光电科技有限公司', members: 8 },
  meiyi: { kind: 'factory', employer: '平湖美衣服饰有限公司', members: 8 },
  hengli: { kind: 'factory', employer: '平湖恒力精密机械有限公司', members: 8 },
  caoqiao_textile: { kind: 'factory', employer: '平湖曹桥织造有限公司', members: 8 },
  xindai_food: { kind: 'factory', employer: '平湖新埭食品有限公司', members: 8 },
  shuntong: { kind: 'logistics', employer: '平湖市顺通物流有限公司', members: 8 },
  zhapu_port: { kind: 'logistics', employer: '平湖乍浦港口物流有限公司', members: 8 },
  rider_station: { kind: 'riders', employer: null, members: 8 },
  courier_union: { kind: 'couriers', employer: null, members: 8 },
  new_forms: { kind: 'gig', employer: null, members: 8 },
  danghu_park: { kind: 'park', employer: null, members: 8 },
};

/** The small firms of 当湖's park, whose workers join the park's joint union. */
export const DEMO_PARK_FIRMS = ['平湖当湖印务有限公司', '平湖市佳禾电子商务有限公司', '平湖鑫达五金制品厂', '平湖市青禾餐饮管理有限公司'];

/** 陈杰, the rider of seeds/002 (the `chen_jie` account), a member of the rider station since it was founded. */
export const CHEN_JIE = { name: '陈杰', residentId: pinghuResidentId('1992-04-17', 351), phone: CHEN_JIE_PHONE };

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export async function loadDemoActivity(services: Services, orgIds: Record<string, number>, options: { today: string; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const actor = systemActor(await services.rootOrg());
  const r = prng(20_261_206);
  const today = options.today;
  const year = today.slice(0, 4);
  let sequence = 100;
  const used = new Set<string>([CHEN_JIE.phone]);
  const newPhone = () => {
    let phone = mobile(r);
    while (used.has(phone)) phone = mobile(r);
    used.add(phone);
    return phone;
  };
  /** Someone who could have joined on `joinedOn`: 18 to 55 years old then. */
  const person = (joinedOn: string) => {
    const birth = isoDay(dayMs(joinedOn) - (18 + r() * 37) * 365.25 * DAY);
    return { name: personName(r), residentId: pinghuResidentId(birth, sequence++), phone: newPhone() };
  };

  // ——— members: most joined over the years, a share this year (the reports count them) ———
  const members: Record<string, { id: number; joinedOn: string; residentId: string; phone: string }[]> = {};
  let count = 0;
  for (const [key, place] of Object.entries(DEMO_WORKPLACES)) {
    const org = await services.orgs.byId(orgIds[key]);
    const from = dayMs(org?.foundedOn && org.foundedOn > '2012-01-01' ? org.foundedOn : '2012-01-01');
    members[key] = [];
    for (let i = 0; i < place.members; i++) {
      const thisYear = r() < 0.3;
      const start = thisYear ? Math.max(from, dayMs(`${year}-01-01`)) : from;
      const joinedOn = isoDay(start + Math.floor(r() * ((dayMs(today) - start) / DAY)) * DAY);
      const who = key === 'rider_station' && i === 0 ? CHEN_JIE : person(joinedOn);
      const job = employmentAt(place.kind, place.employer, r, DEMO_PARK_FIRMS);
      const added = await services.members.addMember(actor, {
        orgId: orgIds[key],
        ...who,
        employmentForm: job.form,
        employerName: job.employer,
        platformName: job.platform,
        joinedOn: who === CHEN_JIE ? (org?.foundedOn ?? joinedOn) : joinedOn,
        consentOnPaper: true,
      });
      members[key].push({ id: added.id, joinedOn, residentId: who.residentId, phone: who.phone });
      count++;
    }
  }
  log(`会员 members: ${count}`);

  // ——— changes of membership: retirements kept, one withdrawal ———
  for (const key of ['hengli', 'xindai_food', 'caoqiao_textile']) {
    await services.members.act(actor, members[key][1].id, 'retain', { cause: 'retired', note: '已办理退休手续，本人申请保留会籍' });
  }
  await services.members.act(actor, members.meiyi[2].id, 'withdraw', { requestedOn: isoDay(dayMs(today) - 20 * DAY), note: '本人书面申请退会' });

  // ——— 一键入会: applications waiting, one refused, one approved ———
  const applicantNames: string[] = [];
  const applicants: { key: string; kind: WorkplaceKind }[] = [
    { key: 'rider_station', kind: 'riders' },
    { key: 'rider_station', kind: 'riders' },
    { key: 'rider_station', kind: 'riders' },
    { key: 'courier_union', kind: 'couriers' },
    { key: 'jiada', kind: 'factory' },
    { key: 'jiada', kind: 'factory' },
    { key: 'danghu_park', kind: 'park' },
  ];
  for (const { key, kind } of applicants) {
    const job = employmentAt(kind, DEMO_WORKPLACES[key].employer, r, DEMO_PARK_FIRMS);
    const applicant = person(today);
    applicantNames.push(applicant.name);
    await services.members.apply(
      {
        orgId: orgIds[key],
        ...applicant,
        employmentForm: job.form,
        employerName: job.employer,
        platformName: job.platform,
        consent: true,
        sensitiveConsent: true,
        consentVersion: PRIVACY_NOTICE_VERSION,
      },
      { ip: '10.23.4.17' },
    );
  }
  const { items: pending } = await services.members.listApplications(actor, { state: 'pending', page: 1, pageSize: 50 });
  const applicationOf = (name: string) => pending.find((a) => a.name === name)!.id;
  await services.members.actOnApplication(actor, applicationOf(applicantNames[4]), 'approve', {});
  await services.members.actOnApplication(actor, applicationOf(applicantNames[6]), 'reject', { reason: '申请人所在单位已单独建会，请向本单位工会申请入会' });
  log(`入会申请 applications: ${applicantNames.length}`);

  // ——— 动态接转: one done, one waiting for the old union, one for the new ———
  const transfer = async (from: string, to: string, reason: string) =>
    (await services.members.requestTransfer(actor, { membershipId: members[from][4].id, toOrgId: orgIds[to], reason }, {})).id;
  const done = await transfer('hengli', 'jiada', '已到嘉达光电工作');
  await services.members.actOnTransfer(actor, done, 'confirm', {});
  await services.members.actOnTransfer(actor, done, 'accept', {});
  const awaitingNew = await transfer('shuntong', 'zhapu_port', '调至乍浦港区工作');
  await services.members.actOnTransfer(actor, awaitingNew, 'confirm', {});
  await transfer('courier_union', 'rider_station', '改做外卖配送');
  // And the two ways one ends without moving: the old union says no, the member withdraws the request.
  const refused = await transfer('jiada', 'hengli', '拟调往恒力精密机械');
  await services.members.actOnTransfer(actor, refused, 'refuse_out', { reason: '本人劳动合同尚未到期，暂不同意转出' });
  // Asked on the phone page (ID and phone), withdrawn there by its tracking code.
  const mover = members.meiyi[5];
  const withdrawn = await services.members.requestTransfer(null, { residentId: mover.residentId, phone: mover.phone, toOrgId: orgIds.caoqiao_textile, reason: '拟到曹桥织造工作' }, {});
  await services.members.cancelTransferByTracking(withdrawn.tenantId, withdrawn.trackingCode, {});
  log('会员接转 transfers: 5');

  // ——— unions founded this year (the reports' 新建工会): the drive into new forms of work and services ———
  const founded: [town: string, name: string, monthDay: string, chair: string][] = [
    ['danghu', '平湖市网约车司机联合工会', '03-28', '钱卫东'],
    ['zhongdai', '钟埭街道物业服务行业联合工会', '05-16', '蒋玉梅'],
    ['caoqiao', '平湖市家政服务行业工会', '08-08', '陶秀英'],
    ['xindai', '新埭镇小微企业联合工会', '10-21', '冯国平'],
  ];
  for (const [town, name, monthDay, chairName] of founded) {
    const foundedOn = `${year}-${monthDay}`;
    if (foundedOn > today) continue;
    await services.orgs.create(actor, { parentId: orgIds[town], name, type: 'joint', divisionCode: '330482', foundedOn, chairName, creditCode: demoCreditCode(name) });
  }

  // ——— the county's targets for the year (set in spring, so each town ends the year at 80–125 %) and its bulletins ———
  const pinghu = orgIds.pinghu;
  const achieved = await services.memberReports.weekly(actor, { orgId: pinghu, date: today });
  const { items } = await services.memberReports.targets(actor, { orgId: pinghu, year: Number(year) });
  const targetFor = (done: number, i: number, least: number) => Math.max(least, Math.round(done / (0.8 + ((i * 7) % 10) * 0.05)));
  await services.memberReports.setTargets(actor, {
    orgId: pinghu,
    year: Number(year),
    items: items.map((item, i) => {
      const ytd = achieved.rows.find((row) => row.districtId === item.districtId)?.ytd;
      return {
        districtId: item.districtId,
        newUnions: targetFor(ytd?.newUnions ?? 0, i, 1),
        newMembers: targetFor(ytd?.newMembers ?? 0, i, 20),
        newFormMembers: targetFor(ytd?.newFormMembers ?? 0, i, 5),
      };
    }),
  });
  const bulletins = halfMonthEnds(today).slice(-2);
  for (const periodEnd of bulletins) await services.memberReports.issueBulletin(actor, { orgId: pinghu, periodEnd });
  log(`目标任务 targets: ${items.length}；半月通报 bulletins: ${bulletins.length}`);
}

/** The half-month period ends (15th, last day) of this year before today. */
function halfMonthEnds(today: string) {
  const ends: string[] = [];
  const year = Number(today.slice(0, 4));
  for (let month = 1; month <= 12; month++) {
    const mm = String(month).padStart(2, '0');
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (const day of [15, last]) {
      const end = `${year}-${mm}-${String(day).padStart(2, '0')}`;
      if (end < today) ends.push(end);
    }
  }
  return ends;
}
