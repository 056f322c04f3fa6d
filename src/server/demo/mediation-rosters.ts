import type { Db } from '../db/client.js';
import type { MemberInput } from '../modules/mediation/service.js';
import type { DutyRuleInput } from '../modules/mediation/rosters/service.js';
import type { Services } from '../services.js';
import { actorOf } from './proposals.js';

/**
 * 值班排班 of the 当湖 连心舱 (seed 002: 每月“律师坐诊日”, 每周“舱长轮值日”,
 * 微舱长 volunteers): the resident lawyer on the first Wednesday morning of
 * each month, a cabin chief on each weekday — lianxin_mediator on Mondays and
 * Thursdays — and volunteers on weekend mornings. It uses the studio and team
 * the mediation demo made; run after it. Without one (this part alone), it
 * opens the studio and seats the team itself.
 */

const STUDIO = { name: '当湖街道“连心舱”劳动争议调解工作室', address: '平湖市当湖街道胜利路 88 号', phone: '0573-85011234' };

/** The team the roster needs, as the mediation demo seats it (demo/mediation.ts), found by role and name (the mediator's seat by account), else added. */
const TEAM = {
  mediator: { role: 'cabin_chief', name: '徐海峰', phone: '13857331024' },
  chiefTuesday: { role: 'cabin_chief', name: '张建林', phone: '13857332048' },
  chiefWednesday: { role: 'cabin_chief', name: '周美琴', phone: '13857335120' },
  chiefFriday: { role: 'cabin_chief', name: '陈国良', phone: '13857336288' },
  lawyer: { role: 'lawyer', name: '鲁文博', phone: '13905731188', lawFirm: '浙江平湖律师事务所' },
  volunteer: { role: 'volunteer', name: '蒋佳怡', phone: '13600001111' },
} satisfies Record<string, MemberInput>;

export async function loadDemoMediationRosters(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const staff = await actorOf(db, services, 'danghu_staff');
  const mediator = await actorOf(db, services, 'lianxin_mediator');
  const { mediation, dutyRosters } = services;

  type Studio = Awaited<ReturnType<typeof mediation.createStudio>>;
  let studio: Studio = (await mediation.studios(staff, { orgId: orgIds.danghu })).items.find((s) => s.name.includes('连心舱')) ?? (await mediation.createStudio(staff, { orgId: orgIds.danghu, ...STUDIO }));
  const ids = {} as Record<keyof typeof TEAM, number>;
  for (const key of Object.keys(TEAM) as (keyof typeof TEAM)[]) {
    const wanted: MemberInput = key === 'mediator' ? { ...TEAM.mediator, userId: mediator.userId } : TEAM[key];
    const found = (s: Studio) => s.members.find((m) => m.active && (key === 'mediator' ? m.userId === mediator.userId : m.role === wanted.role && m.name === wanted.name));
    if (!found(studio)) studio = await mediation.addMember(staff, studio.id, wanted);
    ids[key] = found(studio)!.id;
  }

  const validFrom = `${services.today().slice(0, 4)}-01-01`;
  const chief = { recurrence: 'weekly', slot: 'all_day', startTime: '08:30', endTime: '17:00', validFrom, note: '舱长轮值日：接待职工咨询、调处纠纷' } as const;
  const rules: DutyRuleInput[] = [
    { memberId: ids.lawyer, recurrence: 'monthly_weekday', nth: 1, weekday: 3, slot: 'morning', startTime: '09:00', endTime: '11:30', validFrom, note: '律师坐诊日：免费法律咨询' },
    { ...chief, memberId: ids.mediator, weekdays: [1, 4] },
    { ...chief, memberId: ids.chiefTuesday, weekdays: [2] },
    { ...chief, memberId: ids.chiefWednesday, weekdays: [3] },
    { ...chief, memberId: ids.chiefFriday, weekdays: [5] },
    { memberId: ids.volunteer, recurrence: 'weekly', weekdays: [6, 7], slot: 'morning', validFrom, onRestDays: true, note: '微舱长周末值守，急事转舱长' },
  ];
  for (const rule of rules) await dutyRosters.createRule(staff, studio.id, rule);
  log(`  值班排班：「${studio.name}」${rules.length} 条值班规则`);
}
