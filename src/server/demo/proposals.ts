import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../platform/accounts/schema.js';
import { type Actor, systemActor } from '../platform/actor.js';
import { addDays } from '../platform/beijing-time.js';
import type { Services } from '../services.js';

/**
 * 云履职 in the demo county: the Pinghu story of seeds/002 — the rider 陈杰
 * asks his representative 范海珠 for a station near the 大润发 supermarket, the
 * union arranges it, the rider rates it — and a dozen proposals at every step
 * of the five-step loop, so that the representative, the handler (人社局), the
 * supervisor, the leader and the rider each find real work. Through the
 * services, as people would do it.
 */

/** Three more representatives of 当湖, who co-sign (they need no sign-in of their own in the demo). */
const CO_REPRESENTATIVES = [
  { username: 'lu_jianhua', displayName: '陆建华' },
  { username: 'zhou_xiaomei', displayName: '周晓梅' },
  { username: 'shen_guoqiang', displayName: '沈国强' },
];

const HANDLER_UNITS = [
  { key: 'rsj', name: '平湖市人力资源和社会保障局', kind: 'government', contact: '劳动关系科 0573-85011234' },
  { key: 'jtj', name: '平湖市交通运输局', kind: 'government', contact: '运输管理科 0573-85022345' },
  { key: 'danghu_office', name: '当湖街道办事处', kind: 'government', contact: '社会事务办 0573-85033456' },
  { key: 'park_company', name: '当湖街道小微企业园管理公司', kind: 'enterprise', contact: '综合部 0573-85044567' },
] as const;

/** Who fires a step: the county's staff or supervisor, 人社局's account, the submitter, the first or second co-signer, the rider. */
type Who = 'staff' | 'supervisor' | 'handler' | 'submitter' | 'co' | 'co2' | 'worker';
type Field = 'wages' | 'safety' | 'welfare' | 'new_forms' | 'democracy' | 'skills' | 'other';
interface Story {
  title: string;
  field: Field;
  reasons: string;
  suggestions: string;
  /** How far it gets: the actions after submission, in order, with who fires them. */
  steps: readonly (readonly [who: Who, action: string, input?: unknown])[];
  cosigners: number;
  worker?: boolean;
}

const ASSIGN = (lead: (typeof HANDLER_UNITS)[number]['key']) => ['staff', 'assign', { leadHandlerId: lead, note: '请按期办理并及时报送进展' }] as const;

const STORIES: Story[] = [
  {
    title: '在大润发超市周边增设一个职工驿站',
    field: 'new_forms',
    reasons: '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方，最近的驿站骑行要十五分钟。',
    suggestions: '请市总工会协调超市和街道，在超市周边选址新建一个职工驿站，配备饮水、充电、微波炉和休息座椅。',
    cosigners: 2,
    worker: true,
    steps: [
      ['staff', 'start_review'],
      ['staff', 'accept'],
      ASSIGN('danghu_office'),
      ['handler', 'start'],
      ['handler', 'post_progress', { percent: 40, text: '已与大润发超市商定在东侧停车场旁设置驿站，正在改造场地。' }],
      ['handler', 'post_progress', { percent: 80, text: '驿站改造完成，饮水机、充电柜和桌椅已安装，待工会验收挂牌。' }],
      ['handler', 'answer', { category: 'A', answer: '“大润发骑手驿站”已于本月建成揭牌，提供饮水、充电、热饭和休息服务，每天 7:00 至 22:00 开放。' }],
      ['supervisor', 'approve_answer'],
      ['submitter', 'rate', { rating: 'satisfied', comment: '驿站建得快，骑手们都说好' }],
      ['co', 'rate', { rating: 'satisfied' }],
      ['co2', 'rate', { rating: 'basically_satisfied', comment: '希望夜间也能开放' }],
      ['worker', 'rate', { rating: 'satisfied', comment: '以后中午有地方歇脚了' }],
    ],
  },
  {
    title: '解决外卖骑手电动车充电难、充电贵的问题',
    field: 'new_forms',
    reasons: '城区骑手集中的商圈缺少集中充电设施，部分骑手在楼道充电存在火灾隐患，换电费用每月 300 元以上。',
    suggestions: '在骑手集中的商圈和驿站旁建设集中充换电柜，对持会员证的骑手给予充电优惠。',
    cosigners: 3,
    steps: [['staff', 'start_review'], ['staff', 'accept'], ASSIGN('jtj'), ['handler', 'start'], ['handler', 'post_progress', { percent: 45, text: '已完成城区 6 个商圈的选址摸排，与两家换电企业洽谈会员优惠方案。' }]],
  },
  {
    title: '督促企业落实快递员夏季高温津贴',
    field: 'wages',
    reasons: '部分快递网点未按规定向户外作业的快递员发放高温津贴，或以防暑饮品代替津贴。',
    suggestions: '请人社部门开展高温津贴专项检查，并在驿站张贴高温津贴标准和投诉渠道。',
    cosigners: 2,
    steps: [['staff', 'start_review'], ['staff', 'accept'], ASSIGN('rsj')],
  },
  {
    title: '小微企业园职工食堂菜价偏高',
    field: 'welfare',
    reasons: '园区食堂由一家公司承包，午餐两荤一素 22 元，高于周边同类食堂，职工意见较大。',
    suggestions: '园区管理公司与承包方重新议价，工会协调设立职工用餐补贴。',
    cosigners: 2,
    steps: [
      ['staff', 'start_review'],
      ['staff', 'accept'],
      ASSIGN('park_company'),
      ['handler', 'start'],
      ['handler', 'answer', { category: 'B', answer: '已与承包方协商，自下月起推出 15 元职工套餐；用餐补贴列入明年园区预算，分步实施。' }],
    ],
  },
  {
    title: '在网约车司机集中候客区设置临时停车休息点',
    field: 'new_forms',
    reasons: '高铁站和商圈周边网约车司机候客时无处停车休息，经常被贴罚单。',
    suggestions: '在高铁站、万达广场周边划定网约车临时停车休息区，配套卫生间和饮水点。',
    cosigners: 2,
    steps: [
      ['staff', 'start_review'],
      ['staff', 'accept'],
      ASSIGN('jtj'),
      ['handler', 'start'],
      ['handler', 'answer', { category: 'A', answer: '已在高铁站东广场划定 30 个网约车临时停车位，并与站内驿站共享卫生间和饮水点。' }],
      ['supervisor', 'approve_answer'],
    ],
  },
  {
    title: '开通工业园区夜班职工通勤公交',
    field: 'welfare',
    reasons: '园区企业夜班 22 点下班，公交末班车 21 点，职工只能骑电动车夜归，存在安全隐患。',
    suggestions: '增开园区至城区的夜班公交线路，或由企业联合开通通勤班车。',
    cosigners: 2,
    steps: [['staff', 'start_review']],
  },
  {
    title: '开办职工子女暑期托管班',
    field: 'welfare',
    reasons: '双职工家庭暑期孩子无人照看，一线职工请假困难。',
    suggestions: '由工会牵头，在街道社区开办职工子女暑期托管班，费用由工会经费适当补贴。',
    cosigners: 1,
    steps: [],
  },
  {
    title: '增加一线职工疗休养名额',
    field: 'welfare',
    reasons: '每年疗休养名额多用于先进个人，一线普通职工很少有机会参加。',
    suggestions: '疗休养名额向一线职工倾斜，每年不少于一半。',
    cosigners: 2,
    steps: [['staff', 'start_review'], ['staff', 'not_accept', { reason: '疗休养名额分配已在市总工会年度计划中统筹安排，本建议转组织部作为意见建议参考。' }]],
  },
];

/** Motions of the port company's congress: those taken up first, then those kept as opinions, the last still in review. */
const MOTIONS: { title: string; field: Field; outcome: 'accept' | 'not_accept' | 'review' }[] = [
  { title: '关于码头一线岗位夏季高温津贴按月足额发放的提案', field: 'wages', outcome: 'accept' },
  { title: '关于增设集装箱堆场职工休息室和饮水点的提案', field: 'safety', outcome: 'accept' },
  { title: '关于建立夜班职工免费工作餐制度的提案', field: 'welfare', outcome: 'accept' },
  { title: '关于开展桥吊司机职业技能等级认定的提案', field: 'skills', outcome: 'accept' },
  { title: '关于厂务公开栏按季度公布加班费发放情况的提案', field: 'democracy', outcome: 'accept' },
  { title: '关于为外包装卸工办理工伤保险的提案', field: 'new_forms', outcome: 'not_accept' },
  { title: '关于增加职工年度疗休养名额的提案', field: 'welfare', outcome: 'not_accept' },
  { title: '关于更换港区老旧劳保鞋的提案', field: 'safety', outcome: 'not_accept' },
  { title: '关于开通港区至乍浦镇区职工通勤班车的提案', field: 'welfare', outcome: 'not_accept' },
  { title: '关于提高职工子女金秋助学补助标准的提案', field: 'welfare', outcome: 'not_accept' },
  { title: '关于设立青年职工技能比武奖励基金的提案', field: 'skills', outcome: 'review' },
  { title: '关于完善职工代表巡视检查制度的提案', field: 'democracy', outcome: 'review' },
];
const PORT_REPRESENTATIVES = [
  { username: 'xu_weiming', displayName: '徐伟明' },
  { username: 'gu_jianping', displayName: '顾建平' },
  { username: 'wang_lihua', displayName: '王丽华' },
  { username: 'zhu_haifeng', displayName: '朱海峰' },
];

/**
 * 职代会: the port company's congress collected 12 motions (the seed's Shanghai
 * congress: 32, of which 10 accepted); its committee took up five, kept five
 * as opinions and is still reviewing two.
 */
async function loadDemoCongress(services: Services, orgIds: Record<string, number>, system: Actor) {
  const reps: Actor[] = [];
  for (const rep of PORT_REPRESENTATIVES) {
    const created = await services.users.create(system, { ...rep, homeOrgId: orgIds.zhapu_port, grants: [{ role: 'representative', orgId: orgIds.zhapu_port }] });
    reps.push({ userId: created.user.id, username: rep.username, displayName: rep.displayName, homeOrgId: orgIds.zhapu_port, grants: await services.accounts.grantsOf(created.user.id) });
  }
  const committee = await services.proposals.createReviewGroup(system, { orgId: orgIds.zhapu_port, name: '职代会提案审查委员会', quorum: 2, memberUserIds: reps.slice(1).map((r) => r.userId!) });
  const today = services.today();
  const session = await services.proposals.createCongressSession(system, {
    orgId: orgIds.zhapu_port,
    name: '平湖乍浦港口物流有限公司第三届职工代表大会第二次会议',
    collectFrom: addDays(today, -20),
    collectUntil: addDays(today, 10),
    minCosigners: 1,
    reviewGroupId: committee.id,
  });
  for (const [n, motion] of MOTIONS.entries()) {
    const submitter = reps[n % reps.length];
    const created = await services.proposals.create(submitter, {
      congressSessionId: session.id,
      title: motion.title,
      field: motion.field,
      reasons: `${motion.title.replace(/^关于|的提案$/g, '')}是职工代表在岗位走访中收集到的集中诉求，涉及公司多个班组的一线职工。`,
      suggestions: '请公司行政和工会研究落实，并在下次职代会联席会议上报告办理情况。',
    });
    await services.proposals.act(submitter, created.id, 'submit', undefined);
    await services.proposals.cosign(reps[(n + 1) % reps.length], created.id);
    await services.proposals.act(system, created.id, 'start_review', {});
    if (motion.outcome === 'review') continue;
    const voters = reps.slice(1).filter((r) => r.userId !== submitter.userId).slice(0, 2);
    for (const voter of voters) await services.proposals.act(voter, created.id, 'vote', { vote: motion.outcome, opinion: motion.outcome === 'accept' ? '同意立案' : '作为意见建议转行政参考' });
    await services.proposals.act(system, created.id, motion.outcome, motion.outcome === 'not_accept' ? { reason: '经提案审查委员会审议，作为意见建议转公司行政研究参考。' } : undefined);
  }
}

/** Build an actor for a demo user, as a session would. */
export async function actorOf(db: Db, services: Services, username: string): Promise<Actor> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return { userId: user.id, username: user.username, displayName: user.displayName, homeOrgId: user.homeOrgId, grants: await services.accounts.grantsOf(user.id) };
}

export async function loadDemoProposals(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const system = systemActor(await services.rootOrg());
  for (const rep of CO_REPRESENTATIVES) {
    await services.users.create(system, { ...rep, homeOrgId: orgIds.danghu, grants: [{ role: 'representative', orgId: orgIds.danghu }] });
  }
  const staff = await actorOf(db, services, 'pinghu_staff');
  const supervisor = await actorOf(db, services, 'pinghu_supervisor');
  const fan = await actorOf(db, services, 'fan_haizhu');
  const chen = await actorOf(db, services, 'chen_jie');
  const reps = await Promise.all(CO_REPRESENTATIVES.map((r) => actorOf(db, services, r.username)));

  // 承办单位, registered by the county union; 人社局's account is the demo's `rsj_handler`.
  const units: Record<string, number> = {};
  for (const unit of HANDLER_UNITS) {
    units[unit.key] = (await services.proposals.createHandlerUnit(staff, { orgId: orgIds.pinghu, name: unit.name, kind: unit.kind, contact: unit.contact })).id;
  }
  const [rsjUser] = await db.select({ id: users.id }).from(users).where(inArray(users.username, ['rsj_handler']));
  for (const key of Object.keys(units)) await services.proposals.addHandlerAccount(staff, units[key], rsjUser.id);
  const handler = await actorOf(db, services, 'rsj_handler');

  // 小组审议: three representatives of 当湖 review the county's proposals; two votes make the quorum.
  const group = await services.proposals.createReviewGroup(staff, { orgId: orgIds.pinghu, name: '平湖市总工会提案审查小组', quorum: 2, memberUserIds: reps.map((r) => r.userId!) });
  const REVIEWED = { accept: 'accept', not_accept: 'not_accept' } as const;

  for (const story of STORIES) {
    const created = await services.proposals.create(fan, {
      title: story.title,
      field: story.field,
      reasons: story.reasons,
      suggestions: story.suggestions,
      ...(story.worker ? { workerUserId: chen.userId, workerName: chen.displayName } : {}),
    });
    await services.proposals.act(fan, created.id, 'submit', undefined);
    for (const rep of reps.slice(0, story.cosigners)) await services.proposals.cosign(rep, created.id);
    const who: Record<Who, Actor> = { staff, supervisor, handler, submitter: fan, co: reps[0], co2: reps[1], worker: chen };
    for (const [by, action, input] of story.steps) {
      const resolved = action === 'assign' ? { ...(input as object), leadHandlerId: units[(input as { leadHandlerId: string }).leadHandlerId] } : action === 'start_review' ? { reviewGroupId: group.id } : input;
      // The group votes before the union records its decision.
      if (action in REVIEWED) {
        for (const reviewer of reps.slice(1)) await services.proposals.act(reviewer, created.id, 'vote', { vote: REVIEWED[action as keyof typeof REVIEWED], opinion: action === 'accept' ? '同意立案' : '建议作为意见建议处理' });
      }
      await services.proposals.act(who[by], created.id, action, resolved);
    }
    // One still in review has a first vote.
    if (story.steps.at(-1)?.[1] === 'start_review') await services.proposals.act(reps[2], created.id, 'vote', { vote: 'accept', opinion: '问题突出，建议立案' });
  }
  await loadDemoCongress(services, orgIds, system);
  // A draft 范海珠 is still writing.
  await services.proposals.create(fan, {
    title: '为环卫工人配备冬季防寒装备',
    field: 'safety',
    reasons: '环卫工人凌晨作业，冬季气温低，现有工作服保暖性差。',
    suggestions: '由用人单位为环卫工人统一配备防寒服、手套和护膝。',
  });
  log(`提案 proposals: ${STORIES.length + 1}；职代会提案 congress motions: ${MOTIONS.length}；承办单位 handler units: ${HANDLER_UNITS.length}`);
}
