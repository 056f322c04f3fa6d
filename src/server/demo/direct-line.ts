import type { Db } from '../db/client.js';
import { type Actor, systemActor } from '../platform/actor.js';
import { addDays, beijingDate } from '../platform/beijing-time.js';
import type { Services } from '../services.js';
import { actorOf } from './proposals.js';
import { demoTime } from './when.js';

/**
 * 零距离 in the demo county: the Pinghu story of seeds/002 from its first
 * message — the rider 陈杰 asks his representative 范海珠 for a rest station
 * near the 大润发 supermarket, and she turns it into the station proposal the
 * proposals demo carries to its end — and a dozen more requests of riders,
 * couriers and sanitation workers (cold, water, charging, wages) at every
 * state, to 范海珠, to other representatives of 当湖 and to the unions, and
 * those of 钟埭's truck drivers and fitters. Through the services, as people
 * would do it, each message at the hour it was written (demo/when.ts): the
 * representatives' replies take the hours 履职监督 then measures. Run after
 * the proposals demo.
 */

/** Workers who ask (besides 陈杰), at their unions; they need no sign-in of their own in the demo. */
const WORKERS = [
  { username: 'wang_qiang', displayName: '王强', org: 'rider_station' },
  { username: 'sun_wei', displayName: '孙伟', org: 'rider_station' },
  { username: 'zhang_guifang', displayName: '张桂芳', org: 'danghu' },
  { username: 'zhao_lei', displayName: '赵磊', org: 'courier_union' },
  { username: 'li_haitao', displayName: '李海涛', org: 'shuntong' },
  { username: 'gao_jianfeng', displayName: '高建锋', org: 'hengli' },
] as const;

/** A step on a request: how many hours after it was asked, who (its worker, a representative or staff by username), what. */
type Step = readonly [hoursAfter: number, who: 'worker' | string, action: string, input?: Record<string, unknown>];
interface Story {
  worker: string;
  /** A representative's username, or a union's key. */
  to: { representative: string } | { union: string };
  subject: string;
  category: 'wages' | 'rest' | 'safety' | 'workplace' | 'rights' | 'other';
  text: string;
  /**
   * When it was asked (Beijing): days before today at an hour, or days from the submission of a proposal the
   * representative raised (before it: the request that started it; after it: one taken on into it).
   */
  asked: { daysAgo: number; time: string } | { proposal: string; days: number; time: string };
  steps: readonly Step[];
}

const STATION_PROPOSAL = '在大润发超市周边增设一个职工驿站';
const CHARGING_PROPOSAL = '解决外卖骑手电动车充电难、充电贵的问题';
const PARKING_PROPOSAL = '在物流园区周边设置货车临时停车区';

const STORIES: Story[] = [
  {
    worker: 'chen_jie',
    to: { representative: 'fan_haizhu' },
    subject: '大润发超市附近能不能建个骑手驿站',
    category: 'workplace',
    text: '范代表您好，我在当湖送外卖。大润发超市周边单子多，中午和下雨天没地方歇脚、喝水，电动车也没处充电，最近的驿站要骑十五分钟。能不能在超市附近建一个驿站？',
    asked: { proposal: STATION_PROPOSAL, days: -6, time: '12:40' },
    steps: [
      [4.5, 'fan_haizhu', 'reply', { text: '陈师傅您好，这个情况很实在。我这两天去超市周边看看场地，也问问其他骑手的意见。' }],
      [6, 'worker', 'follow_up', { text: '谢谢范代表！超市东侧停车场旁边有块空地，我们中午都在那儿等单。' }],
      [50, 'fan_haizhu', 'reply', { text: '我去看过了，东侧停车场旁边位置合适。我把它写成提案提交给工会，进展您在这里就能看到。' }],
      [142, 'fan_haizhu', 'to_proposal', { proposal: STATION_PROPOSAL }],
    ],
  },
  {
    worker: 'sun_wei',
    to: { representative: 'fan_haizhu' },
    subject: '晚上回去给电动车充电太难',
    category: 'safety',
    text: '我住的小区不让电动车进楼道充电，附近也没有充电柜，每天换电要花十几块，一个月三百多，能不能帮骑手想想办法？',
    asked: { proposal: CHARGING_PROPOSAL, days: 3, time: '21:15' },
    steps: [
      [14, 'fan_haizhu', 'reply', { text: '充电难不少骑手都反映过，我已经提了一件提案，请交通局在商圈和驿站旁建集中充换电柜，您的情况我一并写进去。' }],
      [15, 'fan_haizhu', 'to_proposal', { proposal: CHARGING_PROPOSAL }],
    ],
  },
  {
    worker: 'chen_jie',
    to: { representative: 'fan_haizhu' },
    subject: '冬天跑单能不能发点防寒护具',
    category: 'safety',
    text: '这几天早晚气温零度上下，骑车跑单手脚冻得发麻，站里没发过任何防寒用品。工会能不能给骑手发点防风手套、护膝这些？',
    asked: { daysAgo: 2, time: '13:20' },
    steps: [],
  },
  {
    worker: 'wang_qiang',
    to: { representative: 'fan_haizhu' },
    subject: '配送站拖欠两个月配送费',
    category: 'wages',
    text: '我们站点九月、十月的配送费到现在还没结，站长说平台没打款，平台客服又说已经结给站点了，两边推来推去，十几个骑手都没拿到钱。',
    asked: { daysAgo: 12, time: '19:40' },
    steps: [
      [
        15.5,
        'fan_haizhu',
        'reply',
        { text: '王师傅，我已经把情况报给街道工会和人社局劳动监察大队，他们这周会约站点负责人和平台区域经理一起核对账目。请您把接单记录截图保存好。' },
      ],
    ],
  },
  {
    worker: 'zhang_guifang',
    to: { representative: 'fan_haizhu' },
    subject: '凌晨作业喝不上热水',
    category: 'workplace',
    text: '我们环卫工凌晨四点就上路清扫，冬天一口热水都喝不上。附近的驿站要七点才开门，能不能早点开，或者给我们留个能接热水的地方？',
    asked: { daysAgo: 9, time: '05:50' },
    steps: [
      [9, 'fan_haizhu', 'reply', { text: '张阿姨，我和驿站商量了，先在门口放一台 24 小时的饮水机，下周就装。' }],
      [30, 'worker', 'follow_up', { text: '谢谢！饮水机能不能也放个微波炉？我们早饭都是冷的。' }],
    ],
  },
  {
    worker: 'zhang_guifang',
    to: { union: 'danghu' },
    subject: '环卫工人冬天的防寒服太薄',
    category: 'safety',
    text: '公司发的工作服是单层的，冬天凌晨骑三轮车冻得手脚发麻，手套也是薄线手套，能不能请工会帮忙跟公司说说配防寒装备？',
    asked: { daysAgo: 25, time: '06:30' },
    steps: [
      [27, 'danghu_staff', 'reply', { text: '街道工会已和环卫公司沟通，今年冬天为一线环卫工统一配发防寒服、棉手套和护膝，本月底前发放到班组。' }],
      [170, 'worker', 'rate', { rating: 'basically_satisfied', comment: '防寒服发了，护膝还没到' }],
    ],
  },
  {
    worker: 'zhao_lei',
    to: { union: 'pinghu' },
    subject: '快递网点按件扣罚太重',
    category: 'wages',
    text: '我们网点一个件被投诉就罚五十元，超时一分钟也罚，上个月我被扣了八百多，扣款理由也不给看。这样合法吗？',
    asked: { daysAgo: 33, time: '22:05' },
    steps: [
      [36, 'pinghu_staff', 'reply', { text: '赵师傅，罚款须有公示的制度和依据。市总工会已约谈网点负责人，网点同意公开扣款规则、退回无依据扣款，并在快递员工会的监督下修订考核办法。' }],
      [200, 'worker', 'rate', { rating: 'satisfied', comment: '退回了五百多块，谢谢工会' }],
    ],
  },
  {
    worker: 'chen_jie',
    to: { representative: 'fan_haizhu' },
    subject: '站点请一天假要扣两百块',
    category: 'rest',
    text: '我们站点规定请假一天扣两百元，家里有事也一样，这个规定合理吗？想问问清楚。',
    asked: { daysAgo: 40, time: '20:10' },
    steps: [
      [13, 'fan_haizhu', 'reply', { text: '陈师傅，请假扣除当天配送收入可以，但另外罚款没有依据。我已经和站点工会的陆主席说了，下月起取消请假罚款。' }],
      [60, 'fan_haizhu', 'close', { note: '站点已取消请假罚款，电话告知陈杰' }],
    ],
  },
  {
    worker: 'wang_qiang',
    to: { representative: 'zhou_xiaomei' },
    subject: '工业园区夜里路灯不亮',
    category: 'safety',
    text: '晚上十点以后给工业园区送单，好几条路的路灯都不亮，上周有两个骑手摔了，请代表帮忙反映一下。',
    asked: { daysAgo: 3, time: '23:10' },
    steps: [],
  },
  {
    worker: 'sun_wei',
    to: { union: 'danghu' },
    subject: '骑手孩子暑假没人带',
    category: 'other',
    text: '暑假孩子在家没人管，我们跑单一天十几个小时，带着孩子又不安全。工会有没有暑期托管班，骑手的孩子能不能报？',
    asked: { daysAgo: 150, time: '21:30' },
    steps: [
      [20, 'fan_haizhu', 'reply', { text: '孙师傅，今年暑期托管班的名额已经报满了，明年我们会提前在骑手群里通知报名。' }],
      [48, 'worker', 'rate', { rating: 'unsatisfied', comment: '希望明年能多留点名额给骑手' }],
    ],
  },
  {
    worker: 'zhao_lei',
    to: { union: 'pinghu' },
    subject: '送件摔伤了算不算工伤',
    category: 'rights',
    text: '我是快递员，和网点没签劳动合同，上个月送件路上摔伤了手腕，网点说不算工伤，医药费要自己出，我该怎么办？',
    asked: { daysAgo: 1, time: '12:15' },
    steps: [],
  },
  {
    worker: 'chen_jie',
    to: { representative: 'shen_guoqiang' },
    subject: '驿站微波炉中午要排队',
    category: 'workplace',
    text: '站点旁边驿站只有一台微波炉，中午十几个骑手排队热饭，等一轮要二十分钟，能不能再加一台？',
    asked: { daysAgo: 18, time: '12:50' },
    steps: [
      [5, 'shen_guoqiang', 'reply', { text: '陈师傅，驿站已经新添了一台微波炉和一个热水壶，明天就能用。' }],
      [30, 'worker', 'rate', { rating: 'satisfied', comment: '现在不用排队了' }],
    ],
  },
  {
    worker: 'zhang_guifang',
    to: { representative: 'fan_haizhu' },
    subject: '环卫工资每月晚发半个月',
    category: 'wages',
    text: '我们环卫公司工资每个月都要拖到二十号以后才发，合同上写的是每月五号，问了班长也说不清楚，家里房贷都要逾期了。',
    asked: { daysAgo: 5, time: '18:30' },
    steps: [
      [16, 'fan_haizhu', 'reply', { text: '张阿姨，按时足额发放工资是用人单位的义务。这个问题不止您一个人，我准备写成提案，请人社部门督促环卫外包企业按合同发薪。' }],
      [17, 'fan_haizhu', 'to_proposal'],
    ],
  },
  // 钟埭: a truck driver of 顺通物流 asks its representative 金卫国, who takes it into his parking proposal; a fitter of 恒力 asks the street union.
  {
    worker: 'li_haitao',
    to: { representative: 'jin_weiguo' },
    subject: '物流园门口排队的货车没地方停',
    category: 'safety',
    text: '金师傅，园区装卸要排队，货车只能停在兴平路边上等，晚上黑灯瞎火的，前天又被剐了一次，还老被贴罚单。园区附近能不能划个地方给货车停？',
    asked: { proposal: PARKING_PROPOSAL, days: -4, time: '20:30' },
    steps: [
      [2.5, 'jin_weiguo', 'reply', { text: '海涛，这个问题跑车的兄弟都碰到过。我这两天去园区门口看看，和园区、交警那边先问问。' }],
      [86, 'jin_weiguo', 'to_proposal', { proposal: PARKING_PROPOSAL }],
    ],
  },
  {
    worker: 'gao_jianfeng',
    to: { union: 'zhongdai' },
    subject: '赶订单天天加班，加班费按最低工资算',
    category: 'wages',
    text: '这两个月厂里赶订单，每天加班三个小时，周六也上班，可加班费是按最低工资算的，比平时工资低一大截。这样算对不对？',
    asked: { daysAgo: 8, time: '21:00' },
    steps: [
      [13, 'zhongdai_staff', 'reply', { text: '高师傅，加班费应按劳动合同约定的工资计算，不能按最低工资。街道工会已转告恒力工会，并请企业把加班费计发办法提交职代会审议。' }],
      [40, 'worker', 'rate', { rating: 'basically_satisfied', comment: '厂里说下个月开始改，先看看' }],
    ],
  },
  {
    worker: 'li_haitao',
    to: { representative: 'wang_xiuqin' },
    subject: '货车司机能不能参加技能等级认定',
    category: 'rights',
    text: '听说恒力的师傅们可以考技能等级证书了，我们开货车的有没有类似的考试？有证书能不能多拿点补贴？',
    asked: { daysAgo: 2, time: '19:10' },
    steps: [],
  },
];

export async function loadDemoDirectLine(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const time = await demoTime(services);
  const system = systemActor(await services.rootOrg());
  for (const worker of WORKERS) {
    await services.users.create(system, { username: worker.username, displayName: worker.displayName, homeOrgId: orgIds[worker.org], grants: [{ role: 'worker', orgId: orgIds[worker.org] }] });
  }
  const actors = new Map<string, Actor>();
  const as = async (username: string) => {
    if (!actors.has(username)) actors.set(username, await actorOf(db, services, username));
    return actors.get(username)!;
  };
  /** A proposal by its title (the proposals demo raised it), as its submitter sees it. */
  const proposalTitled = async (title: string) => {
    const { items } = await services.proposals.list(system, { view: 'all', q: title, page: 1, pageSize: 20 });
    return services.proposals.detail(system, items.find((p) => p.title === title)!.id);
  };

  for (const story of STORIES) {
    const worker = await as(story.worker);
    const to = 'representative' in story.to ? { representativeUserId: (await as(story.to.representative)).userId } : { orgId: orgIds[story.to.union] };
    const { asked } = story;
    const askedAt =
      'proposal' in asked
        ? time.on(addDays(beijingDate((await proposalTitled(asked.proposal)).submittedAt!), asked.days), asked.time)
        : time.daysAgo(asked.daysAgo, asked.time);
    const request = await time.asOf(askedAt, () => services.directLine.create(worker, { ...to, subject: story.subject, category: story.category, text: story.text }));
    for (const [hours, who, action, input] of story.steps) {
      const resolved = input && 'proposal' in input ? { proposalId: (await proposalTitled(String(input.proposal))).id } : input;
      const by = who === 'worker' ? worker : await as(who);
      await time.asOf(new Date(askedAt.getTime() + hours * 3_600_000), () => services.directLine.act(by, request.id, action, resolved));
    }
  }
  log(`零距离诉求 direct-line requests: ${STORIES.length}`);
}
