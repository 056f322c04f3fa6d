import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../platform/accounts/schema.js';
import { type Actor, systemActor } from '../platform/actor.js';
import { addDays } from '../platform/beijing-time.js';
import type { Services } from '../services.js';
import { type DemoTime, demoTime } from './when.js';

/**
 * 云履职 in the demo county: the Pinghu story of seeds/002 — the rider 陈杰
 * asks his representative 范海珠 for a station near the 大润发 supermarket, the
 * union arranges it, the rider rates it — and proposals at every step of the
 * five-step loop in 当湖 and in 钟埭, so that the representatives, each handler
 * unit's account, the supervisor, the leader and the rider each find real
 * work. Through the services, as people would do it, each step on the working
 * day it happened (demo/when.ts): submitted weeks ago, taken up days later,
 * answered within the handling time.
 */

/** Three more representatives of 当湖, who co-sign (they need no sign-in of their own in the demo). */
const CO_REPRESENTATIVES = [
  { username: 'lu_jianhua', displayName: '陆建华' },
  { username: 'zhou_xiaomei', displayName: '周晓梅' },
  { username: 'shen_guoqiang', displayName: '沈国强' },
];

/** 钟埭's representatives: a truck driver of 顺通物流, a fitter of 恒力精密机械, a property-service worker. */
export const ZHONGDAI_REPRESENTATIVES = [
  { username: 'jin_weiguo', displayName: '金卫国' },
  { username: 'wang_xiuqin', displayName: '王秀琴' },
  { username: 'shen_lijuan', displayName: '沈丽娟' },
];

/** 承办单位, each with its own account (load.ts DEMO_USERS): what is assigned to a unit is its account's to handle. */
const HANDLER_UNITS = [
  { key: 'rsj', name: '平湖市人力资源和社会保障局', kind: 'government', contact: '劳动关系科 0573-85011234', account: 'rsj_handler' },
  { key: 'jtj', name: '平湖市交通运输局', kind: 'government', contact: '运输管理科 0573-85022345', account: 'jtj_handler' },
  { key: 'danghu_office', name: '当湖街道办事处', kind: 'government', contact: '社会事务办 0573-85033456', account: 'dhjd_handler' },
  { key: 'park_company', name: '当湖街道小微企业园管理公司', kind: 'enterprise', contact: '综合部 0573-85044567', account: 'park_handler' },
] as const;
type UnitKey = (typeof HANDLER_UNITS)[number]['key'];

/** Who fires a step: the union's staff, the county's supervisor, the lead unit's account, the submitter, the first or second co-signer, the rider. */
type Who = 'staff' | 'supervisor' | 'handler' | 'submitter' | 'co' | 'co2' | 'worker';
type Field = 'wages' | 'safety' | 'welfare' | 'new_forms' | 'democracy' | 'skills' | 'other';
/** A step after submission: how many working days before today, who, what. */
type Step = readonly [workdaysAgo: number, who: Who, action: string, input?: unknown];
interface Story {
  /** The union it is raised at: 当湖 (reviewed by the county's group, as the county takes up the streets' proposals) or 钟埭 (its own group). */
  union: 'danghu' | 'zhongdai';
  /** The representative who raises it (范海珠 unless said). */
  submitter?: string;
  title: string;
  field: Field;
  reasons: string;
  suggestions: string;
  /** Submitted this many working days before today; co-signed the same afternoon. */
  submitted: number;
  cosigners: number;
  worker?: boolean;
  /** How far it gets: the steps after submission, in order. */
  steps: readonly Step[];
}

/** The hour each kind of step is usually taken; later steps of the same day come after the earlier ones. */
const HOUR: Record<string, string> = {
  submit: '09:05',
  cosign: '13:30',
  start_review: '09:30',
  vote: '10:10',
  accept: '15:00',
  not_accept: '15:00',
  assign: '16:10',
  start: '09:20',
  post_progress: '14:30',
  answer: '10:40',
  approve_answer: '15:20',
  rate: '19:30',
};

const ASSIGN = (workdaysAgo: number, lead: UnitKey) => [workdaysAgo, 'staff', 'assign', { leadHandlerId: lead, note: '请按期办理并及时报送进展' }] as const;

const STORIES: Story[] = [
  {
    union: 'danghu',
    title: '在大润发超市周边增设一个职工驿站',
    field: 'new_forms',
    reasons: '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方，最近的驿站骑行要十五分钟。',
    suggestions: '请市总工会协调超市和街道，在超市周边选址新建一个职工驿站，配备饮水、充电、微波炉和休息座椅。',
    submitted: 48,
    cosigners: 2,
    worker: true,
    steps: [
      [47, 'staff', 'start_review'],
      [45, 'staff', 'accept'],
      ASSIGN(45, 'danghu_office'),
      [44, 'handler', 'start'],
      [34, 'handler', 'post_progress', { percent: 40, text: '已与大润发超市商定在东侧停车场旁设置驿站，正在改造场地。' }],
      [21, 'handler', 'post_progress', { percent: 80, text: '驿站改造完成，饮水机、充电柜和桌椅已安装，待工会验收挂牌。' }],
      [16, 'handler', 'answer', { category: 'A', answer: '“大润发骑手驿站”已于本月建成揭牌，提供饮水、充电、热饭和休息服务，每天 7:00 至 22:00 开放。' }],
      [15, 'supervisor', 'approve_answer'],
      [14, 'submitter', 'rate', { rating: 'satisfied', comment: '驿站建得快，骑手们都说好' }],
      [14, 'co', 'rate', { rating: 'satisfied' }],
      [13, 'co2', 'rate', { rating: 'basically_satisfied', comment: '希望夜间也能开放' }],
      [13, 'worker', 'rate', { rating: 'satisfied', comment: '以后中午有地方歇脚了' }],
    ],
  },
  {
    union: 'danghu',
    title: '解决外卖骑手电动车充电难、充电贵的问题',
    field: 'new_forms',
    reasons: '城区骑手集中的商圈缺少集中充电设施，部分骑手在楼道充电存在火灾隐患，换电费用每月 300 元以上。',
    suggestions: '在骑手集中的商圈和驿站旁建设集中充换电柜，对持会员证的骑手给予充电优惠。',
    submitted: 40,
    cosigners: 3,
    steps: [
      [39, 'staff', 'start_review'],
      [37, 'staff', 'accept'],
      ASSIGN(36, 'jtj'),
      [34, 'handler', 'start'],
      [12, 'handler', 'post_progress', { percent: 45, text: '已完成城区 6 个商圈的选址摸排，与两家换电企业洽谈会员优惠方案。' }],
    ],
  },
  {
    union: 'danghu',
    title: '督促企业落实快递员高温津贴',
    field: 'wages',
    reasons: '今年夏天部分快递网点未按规定向户外作业的快递员发放高温津贴，或以防暑饮品代替津贴。',
    suggestions: '请人社部门对今年高温津贴发放情况开展专项检查，明年入夏前在驿站张贴高温津贴标准和投诉渠道。',
    submitted: 12,
    cosigners: 2,
    steps: [[11, 'staff', 'start_review'], [9, 'staff', 'accept'], ASSIGN(5, 'rsj')],
  },
  {
    union: 'danghu',
    title: '小微企业园职工食堂菜价偏高',
    field: 'welfare',
    reasons: '园区食堂由一家公司承包，午餐两荤一素 22 元，高于周边同类食堂，职工意见较大。',
    suggestions: '园区管理公司与承包方重新议价，工会协调设立职工用餐补贴。',
    submitted: 30,
    cosigners: 2,
    steps: [
      [29, 'staff', 'start_review'],
      [27, 'staff', 'accept'],
      ASSIGN(26, 'park_company'),
      [25, 'handler', 'start'],
      [3, 'handler', 'answer', { category: 'B', answer: '已与承包方协商，自下月起推出 15 元职工套餐；用餐补贴列入明年园区预算，分步实施。' }],
    ],
  },
  {
    union: 'danghu',
    title: '在网约车司机集中候客区设置临时停车休息点',
    field: 'new_forms',
    reasons: '高铁站和商圈周边网约车司机候客时无处停车休息，经常被贴罚单。',
    suggestions: '在高铁站、万达广场周边划定网约车临时停车休息区，配套卫生间和饮水点。',
    submitted: 35,
    cosigners: 2,
    steps: [
      [34, 'staff', 'start_review'],
      [32, 'staff', 'accept'],
      ASSIGN(31, 'jtj'),
      [29, 'handler', 'start'],
      [8, 'handler', 'answer', { category: 'A', answer: '已在高铁站东广场划定 30 个网约车临时停车位，并与站内驿站共享卫生间和饮水点。' }],
      [6, 'supervisor', 'approve_answer'],
    ],
  },
  {
    union: 'danghu',
    title: '开通工业园区夜班职工通勤公交',
    field: 'welfare',
    reasons: '园区企业夜班 22 点下班，公交末班车 21 点，职工只能骑电动车夜归，存在安全隐患。',
    suggestions: '增开园区至城区的夜班公交线路，或由企业联合开通通勤班车。',
    submitted: 6,
    cosigners: 2,
    steps: [[5, 'staff', 'start_review']],
  },
  {
    union: 'danghu',
    title: '开办职工子女暑期托管班',
    field: 'welfare',
    reasons: '双职工家庭暑期孩子无人照看，一线职工请假困难。',
    suggestions: '由工会牵头，在街道社区开办职工子女暑期托管班，费用由工会经费适当补贴。',
    submitted: 2,
    cosigners: 1,
    steps: [],
  },
  {
    union: 'danghu',
    title: '增加一线职工疗休养名额',
    field: 'welfare',
    reasons: '每年疗休养名额多用于先进个人，一线普通职工很少有机会参加。',
    suggestions: '疗休养名额向一线职工倾斜，每年不少于一半。',
    submitted: 20,
    cosigners: 2,
    steps: [[19, 'staff', 'start_review'], [17, 'staff', 'not_accept', { reason: '疗休养名额分配已在市总工会年度计划中统筹安排，本建议转组织部作为意见建议参考。' }]],
  },
  {
    union: 'danghu',
    submitter: 'lu_jianhua',
    title: '在小微企业园增设电动自行车集中充电车棚',
    field: 'safety',
    reasons: '园区职工的电动自行车停在厂房门口和楼道里充电，飞线充电现象普遍，消防检查多次指出隐患。',
    suggestions: '由园区管理公司在园区东西两个出入口各建一处带智能充电桩的车棚，按次计费，对园区职工给予优惠。',
    submitted: 10,
    cosigners: 2,
    steps: [[9, 'staff', 'start_review'], [7, 'staff', 'accept'], ASSIGN(4, 'park_company')],
  },
  {
    union: 'danghu',
    submitter: 'zhou_xiaomei',
    title: '社区食堂为凌晨作业的一线职工提供早餐',
    field: 'welfare',
    reasons: '环卫工人和早班快递员凌晨四五点开始作业，街道社区食堂七点才开门，他们只能吃冷的早饭或者不吃。',
    suggestions: '请街道协调社区食堂提前到五点半供应早餐，对环卫工人和持会员证的户外劳动者给予优惠。',
    submitted: 9,
    cosigners: 2,
    steps: [[8, 'staff', 'start_review'], [6, 'staff', 'accept'], ASSIGN(3, 'danghu_office')],
  },
  {
    union: 'zhongdai',
    submitter: 'jin_weiguo',
    title: '在钟埭物流园区建设货车“司机之家”',
    field: 'new_forms',
    reasons: '物流园区每天进出货车三百多辆，外地司机装卸货等待时间长，没有地方休息、洗澡、热饭，只能在驾驶室里过夜。',
    suggestions: '请交通运输部门参照全省“司机之家”建设标准，在物流园区建设集休息、淋浴、洗衣、餐饮于一体的司机之家，工会参与日常服务。',
    submitted: 45,
    cosigners: 2,
    steps: [
      [44, 'staff', 'start_review'],
      [42, 'staff', 'accept'],
      ASSIGN(42, 'jtj'),
      [40, 'handler', 'start'],
      [28, 'handler', 'post_progress', { percent: 50, text: '选定顺通物流园区北侧闲置仓库改建，设计方案已通过评审，正在施工。' }],
      [18, 'handler', 'answer', { category: 'A', answer: '钟埭物流园“司机之家”已建成投用，设休息室 12 间、淋浴间 6 间、洗衣房和司机餐厅，24 小时开放，货车司机凭驾驶证免费使用。' }],
      [17, 'supervisor', 'approve_answer'],
      [15, 'submitter', 'rate', { rating: 'satisfied', comment: '司机们终于能洗上热水澡了' }],
      [14, 'co', 'rate', { rating: 'satisfied' }],
      [14, 'co2', 'rate', { rating: 'satisfied' }],
    ],
  },
  {
    union: 'zhongdai',
    submitter: 'wang_xiuqin',
    title: '为机械制造企业一线职工开展职业技能等级认定',
    field: 'skills',
    reasons: '街道机械制造企业一线职工多，不少老师傅技术过硬却没有技能等级证书，评不上高级工，工资和补贴上不去。',
    suggestions: '请人社部门支持企业开展职业技能等级自主认定，推行新八级工制度，工会组织岗位练兵和技能比武。',
    submitted: 25,
    cosigners: 2,
    steps: [
      [24, 'staff', 'start_review'],
      [22, 'staff', 'accept'],
      ASSIGN(21, 'rsj'),
      [19, 'handler', 'start'],
      [6, 'handler', 'post_progress', { percent: 30, text: '恒力精密机械已备案为技能等级认定企业，首批 46 名车工、钳工报名，下月开考。' }],
    ],
  },
  {
    union: 'zhongdai',
    submitter: 'jin_weiguo',
    title: '在物流园区周边设置货车临时停车区',
    field: 'safety',
    reasons: '货车在园区外排队等候装卸，沿兴平路两侧违停，夜间多次发生剐蹭，司机也常被贴罚单。',
    suggestions: '在园区周边空地划定货车临时停车区，配套照明和监控，园区按预约时段放行。',
    submitted: 11,
    cosigners: 2,
    steps: [[10, 'staff', 'start_review'], [8, 'staff', 'accept'], ASSIGN(4, 'jtj')],
  },
  {
    union: 'zhongdai',
    submitter: 'shen_lijuan',
    title: '解决外地货车司机子女就近入学难',
    field: 'welfare',
    reasons: '在钟埭长期跑运输的外地货车司机，子女随迁后积分不够，只能到离家十几公里的学校上学，接送困难。',
    suggestions: '请教育部门对在本地连续缴纳社保满一年的货车司机子女，在积分入学中给予加分或统筹安排学位。',
    submitted: 4,
    cosigners: 2,
    steps: [[3, 'staff', 'start_review']],
  },
];

type Motion = { title: string; field: Field; outcome: 'accept' | 'not_accept' | 'review' };

/**
 * 职代会: a company's workers' congress collecting motions (提案征集) through its committee (提案审查委员会): the
 * port company's collected 12 (the seed's Shanghai congress: 32, of which 10 accepted), took up five, kept five as
 * opinions and is still reviewing two; 恒力's, in 钟埭, collected five. Its representatives need no sign-in.
 */
const CONGRESSES: { org: string; name: string; representatives: { username: string; displayName: string }[]; motions: Motion[] }[] = [
  {
    org: 'zhapu_port',
    name: '平湖乍浦港口物流有限公司第三届职工代表大会第二次会议',
    representatives: [
      { username: 'xu_weiming', displayName: '徐伟明' },
      { username: 'gu_jianping', displayName: '顾建平' },
      { username: 'wang_lihua', displayName: '王丽华' },
      { username: 'zhu_haifeng', displayName: '朱海峰' },
    ],
    motions: [
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
    ],
  },
  {
    org: 'hengli',
    name: '平湖恒力精密机械有限公司第四届职工代表大会第一次会议',
    representatives: [
      { username: 'wang_jianping', displayName: '王建平' },
      { username: 'zhu_xiaofang', displayName: '朱晓芳' },
      { username: 'lu_guoliang', displayName: '陆国良' },
      { username: 'xu_yaping', displayName: '徐亚萍' },
    ],
    motions: [
      { title: '关于赶订单期间加班费按实际工资计发的提案', field: 'wages', outcome: 'accept' },
      { title: '关于机加工车间加装降温通风设备的提案', field: 'safety', outcome: 'accept' },
      { title: '关于增加夜班职工宵夜补贴的提案', field: 'welfare', outcome: 'not_accept' },
      { title: '关于设立职工技能等级津贴的提案', field: 'skills', outcome: 'review' },
      { title: '关于食堂每月公开伙食账目的提案', field: 'democracy', outcome: 'review' },
    ],
  },
];

/**
 * A proposal of the demo: drafted and submitted at its moment, then carried on. The county numbers proposals
 * (提案号) in the order they are submitted, so every proposal is submitted first, in the order of its moment,
 * and carried on after (each step as of its own moment, whatever the order they are run in).
 */
interface Raised {
  at: Date;
  submit: () => Promise<number>;
  carryOn: (id: number) => Promise<void>;
}

/** The congresses' sessions, their committees and representatives; their motions, each one working day after the other. */
async function congressMotions(services: Services, time: DemoTime, orgIds: Record<string, number>, system: Actor): Promise<Raised[]> {
  const raised: Raised[] = [];
  for (const congress of CONGRESSES) {
    const orgId = orgIds[congress.org];
    const reps: Actor[] = [];
    for (const rep of congress.representatives) {
      const created = await services.users.create(system, { ...rep, homeOrgId: orgId, grants: [{ role: 'representative', orgId }] });
      reps.push({ userId: created.user.id, username: rep.username, displayName: rep.displayName, homeOrgId: orgId, grants: await services.accounts.grantsOf(created.user.id) });
    }
    // One motion a working day from the session's opening, each taken up the next day and decided the day after.
    const count = congress.motions.length;
    const session = await time.asOf(time.workdaysAgo(count + 2, '09:00'), async () => {
      const committee = await services.proposals.createReviewGroup(system, { orgId, name: '职代会提案审查委员会', quorum: 2, memberUserIds: reps.slice(1).map((r) => r.userId!) });
      return services.proposals.createCongressSession(system, {
        orgId,
        name: congress.name,
        collectFrom: time.workday(count + 2),
        collectUntil: addDays(time.today, 10),
        minCosigners: 1,
        reviewGroupId: committee.id,
      });
    });
    for (const [n, motion] of congress.motions.entries()) {
      const submitted = count + 1 - n;
      const submitter = reps[n % reps.length];
      const at = time.workdaysAgo(submitted, '09:40');
      raised.push({
        at,
        submit: () =>
          time.asOf(at, async () => {
            const draft = await services.proposals.create(submitter, {
              congressSessionId: session.id,
              title: motion.title,
              field: motion.field,
              reasons: `${motion.title.replace(/^关于|的提案$/g, '')}是职工代表在岗位走访中收集到的集中诉求，涉及公司多个班组的一线职工。`,
              suggestions: '请公司行政和工会研究落实，并在下次职代会联席会议上报告办理情况。',
            });
            await services.proposals.act(submitter, draft.id, 'submit', undefined);
            return draft.id;
          }),
        async carryOn(id) {
          await time.asOf(time.workdaysAgo(submitted, '14:15'), () => services.proposals.cosign(reps[(n + 1) % reps.length], id));
          await time.asOf(time.workdaysAgo(submitted - 1, '10:00'), () => services.proposals.act(system, id, 'start_review', {}));
          if (motion.outcome === 'review') return;
          const voters = reps.slice(1).filter((r) => r.userId !== submitter.userId).slice(0, 2);
          for (const [i, voter] of voters.entries()) {
            await time.asOf(time.workdaysAgo(submitted - 2, `1${i}:20`), () =>
              services.proposals.act(voter, id, 'vote', { vote: motion.outcome, opinion: motion.outcome === 'accept' ? '同意立案' : '作为意见建议转行政参考' }),
            );
          }
          await time.asOf(time.workdaysAgo(submitted - 2, '16:00'), () =>
            services.proposals.act(system, id, motion.outcome, motion.outcome === 'not_accept' ? { reason: '经提案审查委员会审议，作为意见建议转公司行政研究参考。' } : undefined),
          );
        },
      });
    }
  }
  return raised;
}

/** Build an actor for a demo user, as a session would. */
export async function actorOf(db: Db, services: Services, username: string): Promise<Actor> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return { userId: user.id, username: user.username, displayName: user.displayName, homeOrgId: user.homeOrgId, grants: await services.accounts.grantsOf(user.id) };
}

export async function loadDemoProposals(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const time = await demoTime(services);
  const system = systemActor(await services.rootOrg());
  const representativesOf = async (org: string, people: readonly { username: string; displayName: string }[]) => {
    for (const rep of people) await services.users.create(system, { ...rep, homeOrgId: orgIds[org], grants: [{ role: 'representative', orgId: orgIds[org] }] });
    return Promise.all(people.map((r) => actorOf(db, services, r.username)));
  };
  const fan = await actorOf(db, services, 'fan_haizhu');
  const chen = await actorOf(db, services, 'chen_jie');
  const supervisor = await actorOf(db, services, 'pinghu_supervisor');
  const county = await actorOf(db, services, 'pinghu_staff');

  // 承办单位, registered by the county union before this year's proposals came in, each with its own account.
  const beforehand = time.workdaysAgo(60, '09:00');
  const units = {} as Record<UnitKey, { id: number; handler: Actor }>;
  for (const unit of HANDLER_UNITS) {
    const handler = await actorOf(db, services, unit.account);
    const { id } = await time.asOf(beforehand, async () => {
      const created = await services.proposals.createHandlerUnit(county, { orgId: orgIds.pinghu, name: unit.name, kind: unit.kind, contact: unit.contact });
      await services.proposals.addHandlerAccount(county, created.id, handler.userId!);
      return created;
    });
    units[unit.key] = { id, handler };
  }

  // 小组审议: the county's group of three 当湖 representatives takes up 当湖's proposals; 钟埭 has a group of its own.
  // Two votes make either's quorum; the members who did not submit a proposal vote on it.
  const unions = {
    danghu: { staff: county, representatives: [fan, ...(await representativesOf('danghu', CO_REPRESENTATIVES))], groupName: '平湖市总工会提案审查小组', groupOrg: 'pinghu' },
    zhongdai: { staff: await actorOf(db, services, 'zhongdai_staff'), representatives: await representativesOf('zhongdai', ZHONGDAI_REPRESENTATIVES), groupName: '钟埭街道工会提案审查小组', groupOrg: 'zhongdai' },
  };
  const groups = {} as Record<Story['union'], { id: number; members: Actor[] }>;
  for (const [key, union] of Object.entries(unions) as [Story['union'], (typeof unions)['danghu']][]) {
    const members = union.representatives.filter((r) => r.username !== 'fan_haizhu');
    const group = await time.asOf(beforehand, () =>
      services.proposals.createReviewGroup(union.staff, { orgId: orgIds[union.groupOrg], name: union.groupName, quorum: 2, memberUserIds: members.map((r) => r.userId!) }),
    );
    groups[key] = { id: group.id, members };
  }
  const REVIEWED = { accept: 'accept', not_accept: 'not_accept' } as const;

  const raised: Raised[] = STORIES.map((story) => {
    const union = unions[story.union];
    const submitter = union.representatives.find((r) => r.username === (story.submitter ?? 'fan_haizhu'))!;
    const others = union.representatives.filter((r) => r !== submitter);
    const reviewers = groups[story.union].members.filter((r) => r !== submitter);
    const cosigners = others.slice(0, story.cosigners);
    let lead: UnitKey | undefined;
    /** Each step as of its working day and hour, never before the step it follows. */
    let last = new Date(0);
    const step = <T>(workdaysAgo: number, action: string, run: () => Promise<T>) => {
      const usual = time.workdaysAgo(workdaysAgo, HOUR[action]);
      last = usual > last ? usual : new Date(last.getTime() + 25 * 60_000);
      return time.asOf(last, run);
    };
    return {
      at: time.workdaysAgo(story.submitted, HOUR.submit),
      submit: () =>
        step(story.submitted, 'submit', async () => {
          const created = await services.proposals.create(submitter, {
            title: story.title,
            field: story.field,
            reasons: story.reasons,
            suggestions: story.suggestions,
            ...(story.worker ? { workerUserId: chen.userId, workerName: chen.displayName } : {}),
          });
          await services.proposals.act(submitter, created.id, 'submit', undefined);
          return created.id;
        }),
      async carryOn(id) {
        for (const rep of cosigners) await step(story.submitted, 'cosign', () => services.proposals.cosign(rep, id));
        for (const [workdaysAgo, by, action, input] of story.steps) {
          if (action === 'assign') lead = (input as { leadHandlerId: UnitKey }).leadHandlerId;
          const resolved = action === 'assign' ? { ...(input as object), leadHandlerId: units[lead!].id } : action === 'start_review' ? { reviewGroupId: groups[story.union].id } : input;
          // The group votes before the union records its decision.
          if (action in REVIEWED) {
            for (const reviewer of reviewers.slice(0, 2)) {
              await step(workdaysAgo, 'vote', () => services.proposals.act(reviewer, id, 'vote', { vote: REVIEWED[action as keyof typeof REVIEWED], opinion: action === 'accept' ? '同意立案' : '建议作为意见建议处理' }));
            }
          }
          const who = by === 'handler' ? units[lead!].handler : { staff: union.staff, supervisor, submitter, co: cosigners[0], co2: cosigners[1], worker: chen }[by];
          await step(workdaysAgo, action, () => services.proposals.act(who, id, action, resolved));
        }
        // One still in review has a first vote.
        const [reviewedOn, , lastAction] = story.steps.at(-1) ?? [];
        if (lastAction === 'start_review') await step(reviewedOn! - 1, 'vote', () => services.proposals.act(reviewers.at(-1)!, id, 'vote', { vote: 'accept', opinion: '问题突出，建议立案' }));
      },
    };
  });
  raised.push(...(await congressMotions(services, time, orgIds, system)));
  raised.sort((a, b) => a.at.getTime() - b.at.getTime());
  const ids: number[] = [];
  for (const proposal of raised) ids.push(await proposal.submit());
  for (const [i, proposal] of raised.entries()) await proposal.carryOn(ids[i]);
  // A draft 范海珠 is still writing.
  await time.asOf(time.workdaysAgo(1, '21:10'), () =>
    services.proposals.create(fan, {
      title: '为环卫工人配备冬季防寒装备',
      field: 'safety',
      reasons: '环卫工人凌晨作业，冬季气温低，现有工作服保暖性差。',
      suggestions: '由用人单位为环卫工人统一配备防寒服、手套和护膝。',
    }),
  );
  log(`提案 proposals: ${STORIES.length + 1}；职代会提案 congress motions: ${CONGRESSES.reduce((n, c) => n + c.motions.length, 0)}；承办单位 handler units: ${HANDLER_UNITS.length}`);
}
