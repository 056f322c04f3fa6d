import type { Db } from '../db/client.js';
import { createEvaluationService, type EvaluationService } from '../modules/evaluations/service.js';
import { type Actor, systemActor } from '../platform/actor.js';
import { runJob } from '../platform/jobs.js';
import type { Services } from '../services.js';
import { personName, prng } from './people.js';
import { actorOf } from './proposals.js';

/**
 * 会员评家 in the demo county: 平湖市总工会 asked the members of its unions to
 * score them for last year (closed, with last year's figures to compare) and
 * asks again for this year (open now, half-way through). The members who
 * answer are worker accounts of their unions; every answer goes through the
 * service's rules. Each union has its own temper — the rider station warm
 * since its new 驿站, a factory where the dues accounts are a sore point —
 * and 美衣 has too few answers to show a score. 陈杰 has not answered this
 * year's yet: it waits for him on his phone.
 */

/** Per union: how many answer last year and this year, and how satisfied they tend to be (1–5). */
const TEMPERS: Record<string, { lastYear: number; thisYear: number; mood: number; sore?: number }> = {
  rider_station: { lastYear: 9, thisYear: 7, mood: 4.3 },
  jiada: { lastYear: 8, thisYear: 6, mood: 4.0, sore: 6 },
  meiyi: { lastYear: 3, thisYear: 2, mood: 3.8 },
  hengli: { lastYear: 7, thisYear: 5, mood: 3.6, sore: 6 },
  shuntong: { lastYear: 6, thisYear: 6, mood: 3.9, sore: 5 },
  courier_union: { lastYear: 6, thisYear: 5, mood: 4.1 },
  zhapu_port: { lastYear: 5, thisYear: 0, mood: 3.5 },
};

const COMMENTS = [
  '希望驿站晚上也能开放，夜班骑手也有地方歇脚',
  '会费收支公开能再细一点，按季度贴出来',
  '工会组织的技能培训很实用，希望多办几期',
  '困难职工走访很及时，感谢工会',
  '职代会提的意见有回音，但落实慢了些',
  '夏季高温慰问品能早点发',
  '希望工会帮忙协调停车和充电的问题',
  '工会干部态度好，有事找得到人',
];

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The standard items, with the template's weights. */
const fromTemplate = (service: EvaluationService, title: string, period: string, opensOn: string, closesOn: string) => ({ ...service.template(), title, period, opensOn, closesOn });

export async function loadDemoEvaluations(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const system = systemActor(await services.rootOrg());
  const staff = await actorOf(db, services, 'pinghu_staff');
  const today = services.today();
  const year = Number(today.slice(0, 4));
  const random = prng(2026_12);

  // The members who answer: worker accounts of their unions (enough for both years).
  const members: Record<string, Actor[]> = {};
  let serial = 0;
  for (const [key, temper] of Object.entries(TEMPERS)) {
    members[key] = [];
    for (let i = 0; i < Math.max(temper.lastYear, temper.thisYear); i++) {
      const username = `pinghu_member_${++serial}`;
      await services.users.create(system, { username, displayName: personName(random), homeOrgId: orgIds[key], grants: [{ role: 'worker', orgId: orgIds[key] }] });
      members[key].push(await actorOf(db, services, username));
    }
  }

  /** One member's answer: around the union's mood, lower on its sore question, now and then a comment. */
  const answer = (survey: { questions: { id: number; position: number }[] }, temper: (typeof TEMPERS)[string]) => ({
    answers: survey.questions.map((q) => {
      const mood = q.position === temper.sore ? temper.mood - 1 : temper.mood;
      return { questionId: q.id, score: Math.min(5, Math.max(1, Math.round(mood + (random() - 0.5) * 2))) };
    }),
    comment: random() < 0.3 ? COMMENTS[Math.floor(random() * COMMENTS.length)] : null,
  });

  // Last year's, answered in its own December (the service as of then), closed by the job once its end date passed.
  const lastYear = createEvaluationService({ ...services, today: () => `${year - 1}-12-15` });
  const previous = await lastYear.create(staff, fromTemplate(lastYear, `平湖市${year - 1}年度“会员评家”测评`, `${year - 1}年度`, `${year - 1}-12-01`, `${year - 1}-12-31`));
  await lastYear.act(staff, previous.id, 'publish', undefined);
  let answered = 0;
  for (const [key, temper] of Object.entries(TEMPERS)) {
    for (const member of members[key].slice(0, temper.lastYear)) await lastYear.respond(member, previous.id, answer(previous, { ...temper, mood: temper.mood - 0.3 }));
    answered += temper.lastYear;
  }
  await runJob(db, services.evaluations.closingJob);

  // This year's: open since a few days, running to the end of the month after.
  const current = await services.evaluations.create(staff, fromTemplate(services.evaluations, `平湖市${year}年度“会员评家”测评`, `${year}年度`, shift(today, -5), shift(today, 25)));
  await services.evaluations.act(staff, current.id, 'publish', undefined);
  for (const [key, temper] of Object.entries(TEMPERS)) {
    for (const member of members[key].slice(0, temper.thisYear)) await services.evaluations.respond(member, current.id, answer(current, temper));
    answered += temper.thisYear;
  }
  // A draft 当湖's staff are preparing for the half year.
  const danghuStaff = await actorOf(db, services, 'danghu_staff');
  await services.evaluations.create(danghuStaff, fromTemplate(services.evaluations, `当湖街道${year + 1}年上半年会员评家`, `${year + 1}年上半年`, `${year + 1}-06-01`, `${year + 1}-06-30`));
  log(`会员评家 evaluations: 3 次测评，${answered} 份答卷`);
}
