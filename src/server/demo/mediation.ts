import type { Db } from '../db/client.js';
import { addDays } from '../platform/beijing-time.js';
import { type Actor, systemActor } from '../platform/actor.js';
import type { NewCase } from '../modules/mediation/service.js';
import type { StudioRole } from '../modules/mediation/schema.js';
import type { Services } from '../services.js';
import { personName, prng } from './people.js';
import { actorOf } from './proposals.js';
import { type DemoTime, demoTime } from './when.js';

/**
 * 连心舱 in the demo county (seeds/002): the 当湖 street union's studio with
 * its team — 3 navigators, 3 tutors, 10 cabin chiefs, 40 volunteers and two
 * resident lawyers — where `lianxin_mediator` sits as a cabin chief, and
 * cases at every stage of 识、访、议、调、诉: the eight riders the 平湖市人民法院
 * sends before filing (陈杰 among them, waiting for a chief to take it), a
 * mass incident, online applications, agreements confirmed by the court,
 * a referral, a withdrawal, a failure; and 钟埭's studio with a small team
 * and the cases of a machine works, a property firm and a logistics park.
 * Through the services, as people would do it, each step on its day
 * (demo/when.ts): a case's history starts on the day it was received. Run
 * after the direct-line demo (its workers apply here too).
 */

const STUDIO_NAME = '当湖街道“连心舱”劳动争议调解工作室';

/** Names of the team (seeds/002 gives the counts, not the people). */
const TEAM: Record<StudioRole, string[]> = {
  navigator: ['许丽华', '朱国平', '顾建英'],
  tutor: ['沈永明', '陆慧芳', '钱志刚'],
  cabin_chief: ['徐海峰', '张建林', '周美琴', '陈国良', '金晓燕', '吴卫东', '冯雪梅', '褚建华', '王志明', '孙丽娟'],
  volunteer: [
    ...['蒋', '韩', '杨', '朱', '秦', '尤', '许', '何', '吕', '施'].flatMap((surname, i) => [`${surname}${['佳怡', '文杰', '海燕', '俊'][i % 4]}`, `${surname}${['志强', '晓梅', '建军', '丽萍'][(i + 1) % 4]}`]),
    ...['孔', '曹', '严', '华', '魏', '陶', '姜', '戚', '谢', '邹'].flatMap((surname, i) => [`${surname}${['春燕', '伟', '国强', '秀英'][i % 4]}`, `${surname}${['明', '红梅', '建平', '玉兰'][(i + 2) % 4]}`]),
  ],
  lawyer: ['鲁文博', '沈佳琪'],
};
const LAW_FIRMS = ['浙江平湖律师事务所', '浙江嘉平律师事务所'];
/** The cabin chief who signs in as `lianxin_mediator`. */
const MEDIATOR_NAME = '徐海峰';

/** A step of a case: how many days before today, what (a visit's or a session's `heldOn` is that day). */
type Step = readonly [daysAgo: number, action: string, input?: Record<string, unknown>];
interface Story {
  subject: string;
  facts: string;
  source: NewCase['source'];
  enterpriseName: string;
  enterpriseCreditCode?: string;
  workers: { name: string; username?: string; phone?: string }[];
  claims: NewCase['claims'];
  /** Received this many days before today. */
  daysAgo: number;
  /** Nobody leads it yet (a chief takes it). */
  unled?: boolean;
  court?: { caseNo: (year: string) => string; dueInDays: number };
  steps: readonly Step[];
  /** Ratings by the workers with accounts, the evening after the last step. */
  ratings?: Record<string, 'satisfied' | 'basically_satisfied' | 'unsatisfied'>;
}

/** The hour each kind of step is usually taken at the studio; a case is received at 09:50. */
const HOUR: Record<string, string> = {
  start_visit: '14:00',
  add_note: '17:10',
  consult: '10:00',
  record_session: '15:00',
  agree: '16:30',
  request_confirmation: '10:30',
  confirm: '11:00',
  close: '16:00',
  refer: '15:30',
  withdraw: '09:40',
  fail: '17:00',
};

const RIDERS = ['陈杰', '王强', '李建国', '张伟', '刘洋', '赵磊', '孙浩', '周明'];
/** A studio's first visit to the workplace, by those of its team who go. */
const visitBy = (people: string) => (daysAgo: number, place: string, notes: string) => [daysAgo, 'start_visit', { place, people, notes }] as const;
const visit = visitBy('舱长徐海峰、志愿者蒋佳怡');
const session = (daysAgo: number, notes: string) => [daysAgo, 'record_session', { people: '职工代表、企业负责人、舱长徐海峰、驻点律师鲁文博', notes }] as const;

const STORIES: Story[] = [
  {
    subject: '8 名外卖骑手追索拖欠的配送费',
    facts: '8 名骑手在当湖街道配送站点跑单，站点承包商 9 月至 11 月未结算配送费，骑手向平湖市人民法院起诉，法院立案前委派连心舱调解。',
    source: 'court_pre_filing',
    enterpriseName: '平湖市速达配送服务有限公司',
    enterpriseCreditCode: '91330482MA2B3C4D5Y',
    workers: RIDERS.map((name, i) => ({ name, phone: `1380573${1000 + i}`, ...(name === '陈杰' ? { username: 'chen_jie' } : name === '王强' ? { username: 'wang_qiang' } : {}) })),
    claims: [{ type: 'wages', amount: 3_720_000, note: '9—11 月配送费，每人 4650 元' }],
    daysAgo: 2,
    unled: true,
    court: { caseNo: (year) => `（${year}）浙0482民诉前调318号`, dueInDays: 28 },
    steps: [],
  },
  {
    subject: '嘉达光电 12 名员工被拖欠两个月工资',
    facts: '企业订单下滑停产，老板两周联系不上，12 名员工到街道反映 10 月、11 月工资未发，情绪激动。',
    source: 'early_warning',
    enterpriseName: '平湖嘉达光电科技有限公司',
    workers: ['沈建芳', '马丽', '钟伟', '丁国华', '任晓东', '石秀兰', '龚杰', '方敏', '江海', '潘玉梅', '汤建新', '黎明'].map((name) => ({ name })),
    claims: [{ type: 'wages', amount: 13_200_000, note: '10—11 月工资' }, { type: 'economic_compensation', amount: 4_800_000 }],
    daysAgo: 4,
    steps: [visit(3, '平湖嘉达光电科技有限公司', '厂区已停工，留守的行政人员称老板在外地筹款，答应一周内给出方案。'), [2, 'add_note', { notes: '已报街道和人社局劳动监察大队，做好欠薪保障金预案。' }]],
  },
  {
    subject: '美衣服饰车间工人追索周六加班费',
    facts: '车间工人反映下半年每周六加班，工资条上没有加班费，向车间主任反映无果。',
    source: 'consultation',
    enterpriseName: '平湖美衣服饰有限公司',
    workers: [{ name: '顾晓红' }, { name: '朱丽芬' }, { name: '屠建华' }],
    claims: [{ type: 'overtime', amount: 1_560_000 }],
    daysAgo: 6,
    steps: [visit(5, '平湖美衣服饰有限公司车间', '考勤记录显示 7 月以来每周六出勤，企业称为“自愿加班”。'), [4, 'consult']],
  },
  {
    subject: '快递员送件摔伤要求认定工伤',
    facts: '快递员送件途中摔伤手腕，网点以未签劳动合同为由拒绝承担医疗费。',
    source: 'complaint',
    enterpriseName: '平湖市顺达快递服务有限公司',
    workers: [{ name: '赵磊' }],
    claims: [{ type: 'work_injury', amount: 860_000, note: '医疗费和停工留薪期工资' }],
    daysAgo: 8,
    steps: [visit(7, '顺达快递当湖网点', '网点承认派件关系，工作证、派件记录齐全。'), [6, 'consult'], session(3, '网点同意承担医疗费，停工期工资双方仍有分歧，约定下周再谈。')],
  },
  {
    subject: '保洁员被辞退要求经济补偿',
    facts: '保洁员在物业公司工作五年，公司以“年龄大”为由口头辞退，未支付经济补偿。',
    source: 'consultation',
    enterpriseName: '平湖市洁美物业管理有限公司',
    workers: [{ name: '张桂芳', username: 'zhang_guifang' }],
    claims: [{ type: 'economic_compensation', amount: 2_400_000 }, { type: 'contract_termination', amount: 0, note: '确认违法解除' }],
    daysAgo: 20,
    steps: [visit(18, '洁美物业办公室', '公司承认未提前通知，也未协商。'), [15, 'consult'], session(12, '公司同意支付经济补偿 2.4 万元，分两期。'), [10, 'agree', { agreement: 'two' }]],
    ratings: { 张桂芳: 'satisfied' },
  },
  {
    subject: '4 名装卸工追索拖欠工资',
    facts: '物流园 4 名装卸工 9 月工资被拖欠，老板称货款未回笼。',
    source: 'visit',
    enterpriseName: '平湖市通达物流有限公司',
    workers: [{ name: '孙伟', username: 'sun_wei' }, { name: '黄建军' }, { name: '邱海明' }, { name: '蔡志华' }],
    claims: [{ type: 'wages', amount: 2_280_000 }],
    daysAgo: 30,
    steps: [visit(29, '通达物流仓库', '老板承认欠薪，愿意协商。'), [27, 'consult'], session(25, '达成一次性支付协议。'), [20, 'agree', { agreement: 'one' }], [18, 'request_confirmation', { court: '平湖市人民法院' }]],
  },
  {
    subject: '外卖骑手被扣“超时罚款”要求退还',
    facts: '站点以超时为由扣罚骑手配送费，扣款标准未经公示。',
    source: 'court_post_filing',
    enterpriseName: '平湖市速达配送服务有限公司',
    enterpriseCreditCode: '91330482MA2B3C4D5Y',
    workers: [{ name: '刘洋' }, { name: '孙浩' }],
    claims: [{ type: 'wages', amount: 436_000, note: '被扣的超时罚款' }],
    daysAgo: 40,
    court: { caseNo: (year) => `（${year}）浙0482民初2156号`, dueInDays: 30 },
    steps: [
      visit(38, '配送站点', '扣款规则未经民主程序，也未公示。'),
      [36, 'consult'],
      session(33, '站点同意退还扣款。'),
      [30, 'agree', { agreement: 'one' }],
      [28, 'request_confirmation', { court: '平湖市人民法院' }],
      [21, 'confirm', { ruling: '（year）浙0482民特88号' }],
    ],
  },
  {
    subject: '骑手因顾客差评被扣当月奖励',
    facts: '骑手陈杰 8 月因一条顾客差评被站点扣除当月全部冲单奖励，申诉后站点未答复。',
    source: 'complaint',
    enterpriseName: '平湖市速达配送服务有限公司',
    enterpriseCreditCode: '91330482MA2B3C4D5Y',
    workers: [{ name: '陈杰', username: 'chen_jie' }],
    claims: [{ type: 'wages', amount: 154_000, note: '8 月冲单奖励' }],
    daysAgo: 60,
    steps: [visit(58, '配送站点', '差评系顾客地址填错所致，平台已撤销差评，站点未同步恢复奖励。'), [55, 'consult'], session(52, '站点同意全额补发奖励。'), [50, 'agree', { agreement: 'one' }], [45, 'close', { note: '奖励已随 10 月配送费发放' }]],
    ratings: { 陈杰: 'satisfied' },
  },
  {
    subject: '机械厂工人社保断缴要求补缴',
    facts: '工人发现企业今年 3 月起未为其缴纳社会保险，企业称“工资里已经发了”。',
    source: 'consultation',
    enterpriseName: '平湖恒力精密机械有限公司',
    workers: [{ name: '王国强' }],
    claims: [{ type: 'social_insurance', amount: 1_120_000 }],
    daysAgo: 45,
    steps: [visit(44, '恒力精密机械', '企业拒绝补缴，坚持认为已折算进工资。'), [42, 'consult'], [40, 'refer', { referredTo: '平湖市劳动人事争议仲裁委员会', note: '社保补缴属社保征收机构职责，已同时告知职工向社保部门投诉。' }]],
  },
  {
    subject: '纺织厂工人追索年终奖',
    facts: '工人称企业口头承诺的年终奖未发放。',
    source: 'consultation',
    enterpriseName: '平湖曹桥织造有限公司',
    workers: [{ name: '李梅' }],
    claims: [{ type: 'other', amount: 300_000, note: '年终奖' }],
    daysAgo: 25,
    steps: [[23, 'withdraw', { note: '职工与企业自行协商解决，申请撤回。' }]],
  },
  {
    subject: '港口装卸工要求支付高温津贴',
    facts: '夏季高温期间露天作业，企业未发放高温津贴。',
    source: 'complaint',
    enterpriseName: '平湖乍浦港口物流有限公司',
    workers: [{ name: '徐东升' }, { name: '郑国庆' }],
    claims: [{ type: 'other', amount: 180_000, note: '7—9 月高温津贴' }],
    daysAgo: 50,
    steps: [visit(49, '乍浦港区', '企业称已折算进绩效工资。'), [45, 'consult'], session(40, '企业坚持不另行发放，双方分歧较大。'), [38, 'fail', { note: '企业拒绝调解方案，已告知职工可申请劳动仲裁，工会提供法律援助。' }]],
  },
];

/** A studio and its team: where it sits, its members by role, and the member who signs in (a chief of the team). */
interface DemoStudio {
  org: string;
  staff: string;
  name: string;
  address: string;
  phone: string;
  team: Partial<Record<StudioRole, string[]>>;
  lawFirms?: string[];
  chief: { username: string; name: string };
}

const DANGHU_STUDIO: DemoStudio = {
  org: 'danghu',
  staff: 'danghu_staff',
  name: STUDIO_NAME,
  address: '平湖市当湖街道胜利路 188 号职工服务中心一楼',
  phone: '0573-85021234',
  team: TEAM,
  lawFirms: LAW_FIRMS,
  chief: { username: 'lianxin_mediator', name: MEDIATOR_NAME },
};

/**
 * 钟埭's studio (a street's labour-dispute mediation room, its team a mediator of the justice office, two chiefs,
 * volunteers and a lawyer): a logistics park and a machine works bring it the disputes of truck drivers and fitters.
 */
const ZHONGDAI_STUDIO: DemoStudio = {
  org: 'zhongdai',
  staff: 'zhongdai_staff',
  name: '钟埭街道“和谐钟埭”劳动争议调解工作室',
  address: '平湖市钟埭街道钟埭路 58 号党群服务中心二楼',
  phone: '0573-85061234',
  team: { tutor: ['吴振华'], cabin_chief: ['沈建国', '褚丽萍'], volunteer: ['金晓东', '屠玉芳', '钱伟民', '俞佳'], lawyer: ['方志远'] },
  lawFirms: ['浙江嘉平律师事务所'],
  chief: { username: 'shen_jianguo', name: '沈建国' },
};
const zhongdaiVisit = visitBy('调解员沈建国、志愿者金晓东');
const ZHONGDAI_STORIES: Story[] = [
  {
    subject: '恒力精密机械 5 名钳工追索加班费差额',
    facts: '企业赶订单期间安排每天加班 3 小时、周六上班，加班费按最低工资标准计发，职工要求按劳动合同约定的工资补足差额。',
    source: 'consultation',
    enterpriseName: '平湖恒力精密机械有限公司',
    workers: [{ name: '高建锋', username: 'gao_jianfeng' }, { name: '姚志强' }, { name: '盛国平' }, { name: '蒋海波' }, { name: '许明华' }],
    claims: [{ type: 'overtime', amount: 1_860_000, note: '10—11 月加班费差额' }],
    daysAgo: 3,
    steps: [zhongdaiVisit(2, '恒力精密机械人事部', '企业承认加班费计发基数有误，同意核算 10 月以来的差额，下周提出补发方案。')],
  },
  {
    subject: '物业保洁员被拖欠一个月工资',
    facts: '两名保洁员 10 月工资未发，物业公司称小区业主委员会拖欠物业费，要等款项到位。',
    source: 'complaint',
    enterpriseName: '平湖市钟埭物业服务有限公司',
    workers: [{ name: '沈月英' }, { name: '陆金妹' }],
    claims: [{ type: 'wages', amount: 520_000, note: '10 月工资' }],
    daysAgo: 12,
    steps: [zhongdaiVisit(11, '物业公司办公室', '公司承认欠薪，称资金周转困难。'), [9, 'consult'], [6, 'record_session', { people: '两名保洁员、物业公司经理、调解员沈建国', notes: '公司同意本月 20 日前结清，双方约定下次调解签订协议。' }]],
  },
  {
    subject: '货车司机装卸时受伤要求工伤待遇',
    facts: '顺通物流货车司机在园区装卸时被叉车挤伤脚踝，休养一个月，公司只报销了部分医药费，停工期间工资未发。',
    source: 'visit',
    enterpriseName: '平湖市顺通物流有限公司',
    workers: [{ name: '邹建明' }],
    claims: [{ type: 'work_injury', amount: 1_150_000, note: '医疗费余额和停工留薪期工资' }],
    daysAgo: 28,
    steps: [
      zhongdaiVisit(27, '顺通物流园区', '公司已为其缴纳工伤保险，工伤认定材料齐全。'),
      [25, 'consult'],
      [22, 'record_session', { people: '职工、公司负责人、调解员沈建国、律师方志远', notes: '公司同意按工伤待遇支付停工留薪期工资，医疗费余额由工伤保险基金支付后公司先行垫付。' }],
      [20, 'agree', { agreement: 'one' }],
      [12, 'close', { note: '款项已于约定日期付清，职工确认' }],
    ],
  },
];

/** The studio and its team, seated by the union's staff before this year's cases. */
async function openStudio(services: Services, time: DemoTime, as: (username: string) => Promise<Actor>, def: DemoStudio, orgId: number) {
  const staff = await as(def.staff);
  const chief = await as(def.chief.username);
  return time.asOf(time.daysAgo(90, '10:00'), async () => {
    let studio = await services.mediation.createStudio(staff, { orgId, name: def.name, address: def.address, phone: def.phone });
    let serial = def.org === 'danghu' ? 0 : 500;
    for (const [role, names] of Object.entries(def.team) as [StudioRole, string[]][]) {
      for (const [i, name] of names.entries()) {
        studio = await services.mediation.addMember(staff, studio.id, {
          role,
          name,
          phone: `139573${String(21000 + ++serial).padStart(5, '0')}`,
          userId: name === def.chief.name ? chief.userId : null,
          lawFirm: role === 'lawyer' ? (def.lawFirms?.[i] ?? null) : null,
        });
      }
    }
    return studio;
  });
}

/** Each case as received and carried on by the studio's chief, step by step on its days. */
async function runStories(services: Services, time: DemoTime, as: (username: string) => Promise<Actor>, def: DemoStudio, studioId: number, stories: readonly Story[]) {
  const staff = await as(def.staff);
  const chief = await as(def.chief.username);
  const year = time.today.slice(0, 4);
  for (const story of stories) {
    // A case nobody leads is entered by the union's staff (the court's papers come to the union); a chief's own is his.
    const created = await time.asOf(time.daysAgo(story.daysAgo, '09:50'), async () =>
      services.mediation.create(story.unled ? staff : chief, {
        studioId,
        source: story.source,
        subject: story.subject,
        facts: story.facts,
        enterpriseName: story.enterpriseName,
        enterpriseCreditCode: story.enterpriseCreditCode ?? null,
        workers: await Promise.all(story.workers.map(async (w) => ({ name: w.name, phone: w.phone ?? null, userId: w.username ? (await as(w.username)).userId : null, isMember: true }))),
        claims: story.claims,
        receivedOn: time.day(story.daysAgo),
        court: story.court ? { name: '平湖市人民法院', caseNo: story.court.caseNo(year), dueOn: addDays(time.day(story.daysAgo), story.court.dueInDays) } : null,
      }),
    );
    if (story.unled) continue;
    for (const [daysAgo, action, raw] of story.steps) {
      const day = time.day(daysAgo);
      const input = raw && { ...raw };
      if (action === 'start_visit' || action === 'record_session') Object.assign(input!, { heldOn: day });
      if (input && typeof input.ruling === 'string') input.ruling = input.ruling.replace('year', year);
      if (input && 'agreement' in input) {
        // The agreement signed that day, paying each worker what was claimed, once or in two halves.
        const each = Math.floor(created.claimedTotal / created.workers.length);
        const shares = created.workers.map((w, i) => ({ partyId: w.id, amount: i === 0 ? created.claimedTotal - each * (created.workers.length - 1) : each }));
        const half = Math.floor(created.claimedTotal / 2);
        const instalments = input.agreement === 'two' ? [{ dueOn: addDays(day, 7), amount: half }, { dueOn: addDays(day, 37), amount: created.claimedTotal - half }] : [{ dueOn: addDays(day, 7), amount: created.claimedTotal }];
        await time.asOf(time.daysAgo(daysAgo, HOUR[action]), () =>
          services.mediation.act(chief, created.id, action, { agreedOn: day, terms: `${story.enterpriseName}按下列金额和期限向职工支付，职工放弃其他请求，双方就本纠纷再无争议。`, shares, instalments }),
        );
        continue;
      }
      await time.asOf(time.daysAgo(daysAgo, HOUR[action]), () => services.mediation.act(chief, created.id, action, input));
    }
    const lastStep = story.steps.at(-1)?.[0] ?? story.daysAgo;
    for (const [name, rating] of Object.entries(story.ratings ?? {})) {
      const worker = story.workers.find((w) => w.name === name)!;
      const actor = await as(worker.username!);
      await time.asOf(time.daysAgo(lastStep, '20:15'), async () => {
        await services.mediation.signReceipt(actor, created.id);
        await services.mediation.rate(actor, created.id, { rating, comment: '调解员很耐心，钱拿到了。' });
      });
    }
  }
}

/**
 * The 27 workers of 嘉达 whose social insurance fell short from September: the two who came as their
 * representatives first, then the others as the union's list names them (people.ts, deterministic).
 */
function insuranceParties(): NewCase['workers'] {
  const r = prng(270_903);
  const names = new Set(['顾海燕', '钱立新']);
  while (names.size < 27) names.add(personName(r));
  return [...names].map((name, i) => ({ name, phone: i === 0 ? '13805738811' : null, isMember: true }));
}

export async function loadDemoMediation(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const time = await demoTime(services);
  const actors = new Map<string, Actor>();
  const as = async (username: string) => {
    if (!actors.has(username)) actors.set(username, await actorOf(db, services, username));
    return actors.get(username)!;
  };
  // 钟埭's chief signs in to nothing in the demo; his account leads his studio's cases.
  const system = systemActor(await services.rootOrg());
  await services.users.create(system, { username: ZHONGDAI_STUDIO.chief.username, displayName: ZHONGDAI_STUDIO.chief.name, homeOrgId: orgIds.zhongdai, grants: [{ role: 'mediator', orgId: orgIds.zhongdai }] });

  const studio = await openStudio(services, time, as, DANGHU_STUDIO, orgIds.danghu);
  await runStories(services, time, as, DANGHU_STUDIO, studio.id, STORIES);
  const chief = await as(DANGHU_STUDIO.chief.username);
  // 一件事: a rider asks for legal help from his phone late last night; it waits at the studio.
  await time.asOf(time.daysAgo(1, '22:40'), async () =>
    services.mediation.apply(await as('sun_wei'), {
      kind: 'legal_help',
      subject: '离职后站点不退装备押金',
      facts: '我上个月从配送站点离职，站点扣着 2000 元装备押金不退，说要等三个月，请问合法吗？',
      enterpriseName: '平湖市速达配送服务有限公司',
      phone: '13805732266',
      claims: [{ type: 'other', amount: 200_000, note: '装备押金' }],
    }),
  );
  // 转调解: 嘉达's unpaid social insurance, in hand at the park's union, becomes the chief's case: all 27 workers are its parties (群体性).
  const [insurance] = (await services.enterprises.signals(chief, { q: '平湖嘉达光电科技有限公司', kind: 'social_insurance', page: 1, pageSize: 1 })).items;
  await time.asOf(time.daysAgo(3, '10:30'), () =>
    services.mediation.create(chief, {
      studioId: studio.id,
      source: 'early_warning',
      signalId: insurance.id,
      subject: '27 名职工要求补缴 9 月起不足额缴纳的社会保险',
      facts: '市人社局数据比对发现企业 9 月起有 27 名职工社保未足额缴纳，园区联合工会跟进后，职工代表顾海燕、钱立新代表全体 27 名职工申请由连心舱调解补缴事宜。',
      enterpriseName: insurance.enterpriseName,
      workers: insuranceParties(),
      claims: [{ type: 'social_insurance', amount: insurance.amountFen ?? 0, note: '9 月起社保差额' }],
      receivedOn: time.day(3),
    }),
  );

  const zhongdai = await openStudio(services, time, as, ZHONGDAI_STUDIO, orgIds.zhongdai);
  await runStories(services, time, as, ZHONGDAI_STUDIO, zhongdai.id, ZHONGDAI_STORIES);
  log(`连心舱：${STUDIO_NAME}，团队 ${studio.members.length} 人，案件 ${STORIES.length + 2} 件；${ZHONGDAI_STUDIO.name}：案件 ${ZHONGDAI_STORIES.length} 件`);
}
