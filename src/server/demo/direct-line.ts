import type { Db } from '../db/client.js';
import { type Actor, systemActor } from '../platform/actor.js';
import type { Services } from '../services.js';
import { actorOf } from './proposals.js';

/**
 * 零距离 in the demo county: the Pinghu story of seeds/002 from its first
 * message — the rider 陈杰 asks his representative 范海珠 for a rest station
 * near the 大润发 supermarket, and she turns it into the station proposal the
 * proposals demo carries to its end — and a dozen more requests of riders,
 * couriers and sanitation workers (heat, water, charging, wages) at every
 * state, to 范海珠, to other representatives of 当湖 and to the unions.
 * Through the services, as people would do it; run after the proposals demo.
 */

/** Workers who ask (besides 陈杰), at their unions; they need no sign-in of their own in the demo. */
const WORKERS = [
  { username: 'wang_qiang', displayName: '王强', org: 'rider_station' },
  { username: 'sun_wei', displayName: '孙伟', org: 'rider_station' },
  { username: 'zhang_guifang', displayName: '张桂芳', org: 'danghu' },
  { username: 'zhao_lei', displayName: '赵磊', org: 'courier_union' },
] as const;

/** Who acts on a request: its worker, a representative or staff by username. */
type Step = readonly [who: 'worker' | string, action: string, input?: Record<string, unknown>];
interface Story {
  worker: string;
  /** A representative's username, or a union's key. */
  to: { representative: string } | { union: string };
  subject: string;
  category: 'wages' | 'rest' | 'safety' | 'workplace' | 'rights' | 'other';
  text: string;
  steps: readonly Step[];
}

const STATION_PROPOSAL = '在大润发超市周边增设一个职工驿站';
const CHARGING_PROPOSAL = '解决外卖骑手电动车充电难、充电贵的问题';

const STORIES: Story[] = [
  {
    worker: 'chen_jie',
    to: { representative: 'fan_haizhu' },
    subject: '大润发超市附近能不能建个骑手驿站',
    category: 'workplace',
    text: '范代表您好，我在当湖送外卖。大润发超市周边单子多，中午和下雨天没地方歇脚、喝水，电动车也没处充电，最近的驿站要骑十五分钟。能不能在超市附近建一个驿站？',
    steps: [
      ['fan_haizhu', 'reply', { text: '陈师傅您好，这个情况很实在。我这两天去超市周边看看场地，也问问其他骑手的意见。' }],
      ['worker', 'follow_up', { text: '谢谢范代表！超市东侧停车场旁边有块空地，我们中午都在那儿等单。' }],
      ['fan_haizhu', 'reply', { text: '我去看过了，东侧停车场旁边位置合适。我把它写成提案提交给工会，进展您在这里就能看到。' }],
      ['fan_haizhu', 'to_proposal', { proposal: STATION_PROPOSAL }],
    ],
  },
  {
    worker: 'sun_wei',
    to: { representative: 'fan_haizhu' },
    subject: '晚上回去给电动车充电太难',
    category: 'safety',
    text: '我住的小区不让电动车进楼道充电，附近也没有充电柜，每天换电要花十几块，一个月三百多，能不能帮骑手想想办法？',
    steps: [
      ['fan_haizhu', 'reply', { text: '充电难不少骑手都反映过，我已经提了一件提案，请交通局在商圈和驿站旁建集中充换电柜，您的情况我一并写进去。' }],
      ['fan_haizhu', 'to_proposal', { proposal: CHARGING_PROPOSAL }],
    ],
  },
  {
    worker: 'chen_jie',
    to: { representative: 'fan_haizhu' },
    subject: '高温天送单能不能发点防暑用品',
    category: 'safety',
    text: '这几天中午地面温度四十多度，站里只发了两瓶水，好几个兄弟中暑了。工会能不能给骑手发点藿香正气水、清凉油这些防暑用品？',
    steps: [],
  },
  {
    worker: 'wang_qiang',
    to: { representative: 'fan_haizhu' },
    subject: '配送站拖欠两个月配送费',
    category: 'wages',
    text: '我们站点九月、十月的配送费到现在还没结，站长说平台没打款，平台客服又说已经结给站点了，两边推来推去，十几个骑手都没拿到钱。',
    steps: [
      [
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
    steps: [
      ['fan_haizhu', 'reply', { text: '张阿姨，我和驿站商量了，先在门口放一台 24 小时的饮水机，下周就装。' }],
      ['worker', 'follow_up', { text: '谢谢！饮水机能不能也放个微波炉？我们早饭都是冷的。' }],
    ],
  },
  {
    worker: 'zhang_guifang',
    to: { union: 'danghu' },
    subject: '环卫工人冬天的防寒服太薄',
    category: 'safety',
    text: '公司发的工作服是单层的，冬天凌晨骑三轮车冻得手脚发麻，手套也是薄线手套，能不能请工会帮忙跟公司说说配防寒装备？',
    steps: [
      ['danghu_staff', 'reply', { text: '街道工会已和环卫公司沟通，今年冬天为一线环卫工统一配发防寒服、棉手套和护膝，本月底前发放到班组。' }],
      ['worker', 'rate', { rating: 'basically_satisfied', comment: '防寒服发了，护膝还没到' }],
    ],
  },
  {
    worker: 'zhao_lei',
    to: { union: 'pinghu' },
    subject: '快递网点按件扣罚太重',
    category: 'wages',
    text: '我们网点一个件被投诉就罚五十元，超时一分钟也罚，上个月我被扣了八百多，扣款理由也不给看。这样合法吗？',
    steps: [
      ['pinghu_staff', 'reply', { text: '赵师傅，罚款须有公示的制度和依据。市总工会已约谈网点负责人，网点同意公开扣款规则、退回无依据扣款，并在快递员工会的监督下修订考核办法。' }],
      ['worker', 'rate', { rating: 'satisfied', comment: '退回了五百多块，谢谢工会' }],
    ],
  },
  {
    worker: 'chen_jie',
    to: { representative: 'fan_haizhu' },
    subject: '站点请一天假要扣两百块',
    category: 'rest',
    text: '我们站点规定请假一天扣两百元，家里有事也一样，这个规定合理吗？想问问清楚。',
    steps: [
      ['fan_haizhu', 'reply', { text: '陈师傅，请假扣除当天配送收入可以，但另外罚款没有依据。我已经和站点工会的陆主席说了，下月起取消请假罚款。' }],
      ['fan_haizhu', 'close', { note: '站点已取消请假罚款，电话告知陈杰' }],
    ],
  },
  {
    worker: 'wang_qiang',
    to: { representative: 'zhou_xiaomei' },
    subject: '工业园区夜里路灯不亮',
    category: 'safety',
    text: '晚上十点以后给工业园区送单，好几条路的路灯都不亮，上周有两个骑手摔了，请代表帮忙反映一下。',
    steps: [],
  },
  {
    worker: 'sun_wei',
    to: { union: 'danghu' },
    subject: '骑手孩子暑假没人带',
    category: 'other',
    text: '暑假孩子在家没人管，我们跑单一天十几个小时，带着孩子又不安全。工会有没有暑期托管班，骑手的孩子能不能报？',
    steps: [
      ['fan_haizhu', 'reply', { text: '孙师傅，今年暑期托管班的名额已经报满了，明年我们会提前在骑手群里通知报名。' }],
      ['worker', 'rate', { rating: 'unsatisfied', comment: '希望明年能多留点名额给骑手' }],
    ],
  },
  {
    worker: 'zhao_lei',
    to: { union: 'pinghu' },
    subject: '送件摔伤了算不算工伤',
    category: 'rights',
    text: '我是快递员，和网点没签劳动合同，上个月送件路上摔伤了手腕，网点说不算工伤，医药费要自己出，我该怎么办？',
    steps: [],
  },
  {
    worker: 'chen_jie',
    to: { representative: 'shen_guoqiang' },
    subject: '驿站微波炉中午要排队',
    category: 'workplace',
    text: '站点旁边驿站只有一台微波炉，中午十几个骑手排队热饭，等一轮要二十分钟，能不能再加一台？',
    steps: [
      ['shen_guoqiang', 'reply', { text: '陈师傅，驿站已经新添了一台微波炉和一个热水壶，明天就能用。' }],
      ['worker', 'rate', { rating: 'satisfied', comment: '现在不用排队了' }],
    ],
  },
  {
    worker: 'zhang_guifang',
    to: { representative: 'fan_haizhu' },
    subject: '环卫工资每月晚发半个月',
    category: 'wages',
    text: '我们环卫公司工资每个月都要拖到二十号以后才发，合同上写的是每月五号，问了班长也说不清楚，家里房贷都要逾期了。',
    steps: [
      ['fan_haizhu', 'reply', { text: '张阿姨，按时足额发放工资是用人单位的义务。这个问题不止您一个人，我准备写成提案，请人社部门督促环卫外包企业按合同发薪。' }],
      ['fan_haizhu', 'to_proposal'],
    ],
  },
];

export async function loadDemoDirectLine(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const system = systemActor(await services.rootOrg());
  for (const worker of WORKERS) {
    await services.users.create(system, { username: worker.username, displayName: worker.displayName, homeOrgId: orgIds[worker.org], grants: [{ role: 'worker', orgId: orgIds[worker.org] }] });
  }
  const actors = new Map<string, Actor>();
  const as = async (username: string) => {
    if (!actors.has(username)) actors.set(username, await actorOf(db, services, username));
    return actors.get(username)!;
  };
  /** A proposal of 范海珠's, by its title (the proposals demo raised it). */
  const proposalTitled = async (title: string) => {
    const found = await services.proposals.list(await as('fan_haizhu'), { view: 'mine', q: title, page: 1, pageSize: 20 });
    return found.items.find((p) => p.title === title)!.id;
  };

  for (const story of STORIES) {
    const worker = await as(story.worker);
    const to = 'representative' in story.to ? { representativeUserId: (await as(story.to.representative)).userId } : { orgId: orgIds[story.to.union] };
    const request = await services.directLine.create(worker, { ...to, subject: story.subject, category: story.category, text: story.text });
    for (const [who, action, input] of story.steps) {
      const resolved = input && 'proposal' in input ? { proposalId: await proposalTitled(String(input.proposal)) } : input;
      await services.directLine.act(who === 'worker' ? worker : await as(who), request.id, action, resolved);
    }
  }
  log(`零距离诉求 direct-line requests: ${STORIES.length}`);
}
