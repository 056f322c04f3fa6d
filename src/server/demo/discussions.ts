import type { Db } from '../db/client.js';
import type { NewTopic } from '../modules/discussions/service.js';
import { type Actor, systemActor } from '../platform/actor.js';
import type { Services } from '../services.js';
import { personName, prng } from './people.js';
import { actorOf } from './proposals.js';
import { demoTime } from './when.js';

/**
 * 职工事大家议 in the demo county: what 当湖 and 平湖 put to their workers — where the riders' new
 * station should go (the Pinghu story of seeds/002: near 大润发, 万达 or the high-speed rail station),
 * this year's 疗休养 destination with the count kept until the close, last summer's 送清凉 supplies
 * (closed, its hidden results now out), and next spring's sports day still to open — with comments
 * and the votes of some forty workers. Through the service, each topic opened on its first day and each vote
 * and comment on a day it was open (demo/when.ts).
 */

/** Workers who vote and comment, by the union they belong to (names from people.ts, deterministic). */
const VOTERS: Record<string, number> = { rider_station: 14, jiada: 8, meiyi: 6, courier_union: 8, shuntong: 6 };

const shift = (day: string, days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

interface DemoTopic {
  org: string;
  /** Opened this many days before today; open for `days`. */
  openedAgo: number;
  days: number;
  topic: Omit<NewTopic, 'orgId' | 'opensOn' | 'closesOn'>;
  /** Who votes: the unions whose workers take part, and how many of them (0–1). */
  turnout: number;
  /** Who: a demo account, or a union's worker (`org`: its last, `org#n`: its n-th). */
  comments: readonly (readonly [who: string, body: string])[];
  /** A comment the staff hid, and why. */
  hidden?: readonly [who: string, body: string, reason: string];
}

const TOPICS: DemoTopic[] = [
  {
    org: 'danghu',
    openedAgo: 6,
    days: 20,
    turnout: 0.8,
    topic: {
      title: '骑手驿站选址征求意见',
      body: '街道工会计划在骑手集中的商圈再建一个暖心驿站，提供饮水、充电、热饭和休息。大润发超市周边的站点已经建成，这一个建在哪里，请骑手、快递小哥和附近企业的职工投票并留言，选址结果将报市总工会审定。',
      pinned: true,
      polls: [
        { question: '新驿站建在哪里最方便？', maxChoices: 1, resultsHiddenUntilClosed: false, options: ['万达广场北门', '平湖高铁站出租车候客区旁', '大润发超市西侧（与现有驿站错开）', '当湖街道小微企业园门口'] },
        { question: '驿站最需要哪些设施？（最多选 3 项）', maxChoices: 3, resultsHiddenUntilClosed: false, options: ['饮水机', '充电柜', '微波炉', '休息座椅', '卫生间', '急救药箱'] },
      ],
    },
    comments: [
      ['chen_jie', '万达北门中午和晚上单子最多，骑手等餐都站在路边，建在那里最方便。'],
      ['fan_haizhu', '高铁站那边快递车和网约车司机也多，建议驿站能兼顾司机师傅。'],
      ['rider_station', '充电柜最要紧，夏天电瓶不够跑一天。'],
      ['rider_station#3', '希望晚上十点以后也能开门，夜宵单子多，我们经常跑到十二点。'],
      ['jiada', '小微企业园门口也可以，厂里中午吃饭的人也能用。'],
    ],
    hidden: ['rider_station', '某某站长克扣配送费，大家加我微信 139****8888 一起去讨说法！', '含个人联系方式和未经核实的指控，请通过零距离向会员代表反映'],
  },
  {
    org: 'pinghu',
    openedAgo: 10,
    days: 30,
    turnout: 0.6,
    topic: {
      title: '年度职工疗休养目的地',
      body: '市总工会今年组织一线职工疗休养，优先安排新就业形态劳动者和劳模。请投票选出目的地，投票结果在截止后公布，按得票最多的线路组织。',
      polls: [{ question: '今年疗休养去哪里？', maxChoices: 1, resultsHiddenUntilClosed: true, options: ['安吉余村', '淳安千岛湖', '舟山普陀山', '桐乡乌镇'] }],
    },
    comments: [
      ['fan_haizhu', '建议错开快递旺季，十一月中旬以后骑手和快递员才走得开。'],
      ['courier_union', '千岛湖去过了，想去普陀山看看海。'],
      ['shuntong', '能不能带家属？自费也可以。'],
    ],
  },
  {
    org: 'pinghu',
    openedAgo: 160,
    days: 21,
    turnout: 0.7,
    topic: {
      title: '夏季送清凉物资选择',
      body: '高温季节，市总工会将到驿站、工地和物流园区为户外劳动者送清凉。今年经费有限，请大家选出最需要的物资（最多选 3 项），结果截止后公布，按票数采购。',
      polls: [
        { question: '最需要哪些清凉物资？（最多选 3 项）', maxChoices: 3, resultsHiddenUntilClosed: true, options: ['藿香正气水等防暑药品', '冰袖和遮阳帽', '绿豆汤和冷饮', '电风扇马甲', '毛巾和花露水'] },
      ],
    },
    comments: [
      ['chen_jie', '冰袖和遮阳帽最实用，骑车的时候胳膊晒得最厉害。'],
      ['shuntong', '物流园装卸工更需要防暑药品。'],
      ['meiyi', '车间里有空调，这些物资优先给户外的师傅们。'],
    ],
  },
  {
    org: 'danghu',
    openedAgo: -7,
    days: 14,
    turnout: 0,
    topic: {
      title: '2027 年职工春季运动会项目征集',
      body: '街道工会明年三月举办职工春季运动会，请大家投票选出想参加的项目（最多选 3 项），也欢迎留言推荐新项目。下周一开始征集。',
      polls: [{ question: '想参加哪些项目？（最多选 3 项）', maxChoices: 3, resultsHiddenUntilClosed: false, options: ['拔河', '趣味接力', '乒乓球', '羽毛球', '跳绳', '电动车慢骑'] }],
    },
    comments: [],
  },
];

export async function loadDemoDiscussions(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const system = systemActor(await services.rootOrg());
  const random = prng(20261206);

  // The workers who take part, each with an account of their union (no sign-in needed in the demo).
  const workers: Record<string, Actor[]> = { rider_station: [await actorOf(db, services, 'chen_jie')] };
  let serial = 0;
  for (const [org, n] of Object.entries(VOTERS)) {
    workers[org] ??= [];
    for (let i = 0; i < n; i++) {
      const username = `worker_${String(++serial).padStart(3, '0')}`;
      await services.users.create(system, { username, displayName: personName(random), homeOrgId: orgIds[org], grants: [{ role: 'worker', orgId: orgIds[org] }] });
      workers[org].push(await actorOf(db, services, username));
    }
  }
  const accounts: Record<string, Actor> = { chen_jie: workers.rider_station[0], fan_haizhu: await actorOf(db, services, 'fan_haizhu') };
  const named = (who: string) => {
    const [org, n] = who.split('#');
    return accounts[who] ?? (n ? workers[org][Number(n)] : workers[org].at(-1)!);
  };
  const representatives = await Promise.all(['fan_haizhu', 'lu_jianhua', 'zhou_xiaomei', 'shen_guoqiang'].map((u) => actorOf(db, services, u)));
  const staff: Record<string, Actor> = { danghu: await actorOf(db, services, 'danghu_staff'), pinghu: await actorOf(db, services, 'pinghu_staff') };
  const time = await demoTime(services);
  const DAY = 86_400_000;

  for (const demo of TOPICS) {
    const opensOn = time.day(demo.openedAgo);
    const closesOn = shift(opensOn, demo.days - 1);
    // Each topic as its union opened and ran it: opened on its first day (one still to come, yesterday), voted on and
    // discussed over the days it was open up to yesterday, each vote and comment at an hour people write.
    const openedAt = demo.openedAgo > 0 ? time.on(opensOn, '09:00') : time.daysAgo(1, '16:00');
    const lastDay = Math.min(Date.parse(closesOn), Date.parse(time.day(1)));
    const during = (share: number) => {
      const day = new Date(Date.parse(opensOn) + Math.floor(share * ((lastDay - Date.parse(opensOn)) / DAY + 1)) * DAY).toISOString().slice(0, 10);
      return time.on(day, `${String(9 + Math.floor(random() * 13)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`);
    };
    const opener = staff[demo.org];
    const topic = await time.asOf(openedAt, () => services.discussions.open(opener, { ...demo.topic, orgId: orgIds[demo.org], opensOn, closesOn }));
    const orgPath = (await services.orgs.byId(orgIds[demo.org]))!.path;
    const voters = [...Object.values(workers).flat(), ...representatives].filter((a) => a.grants.some((g) => g.orgPath === orgPath || g.orgPath.startsWith(`${orgPath}.`)));
    for (const voter of voters) {
      if (random() >= demo.turnout) continue;
      await time.asOf(during(random()), async () => {
        for (const poll of topic.polls) {
          // Earlier options a little likelier: a believable spread, not a tie.
          const ranked = poll.options.map((o, i) => ({ id: o.id, score: i + random() * 3 })).sort((a, b) => a.score - b.score);
          await services.discussions.vote(voter, topic.id, poll.id, ranked.slice(0, 1 + Math.floor(random() * poll.maxChoices)).map((o) => o.id));
        }
      });
    }
    // The comments in their order over the open days; the one hidden came last and was hidden two hours later.
    const said = [...demo.comments, ...(demo.hidden ? [demo.hidden] : [])];
    for (const [i, [who, body, reason]] of said.entries()) {
      const at = during(i / said.length);
      const { id } = await time.asOf(at, () => services.discussions.comment(named(who), topic.id, body));
      if (reason) await time.asOf(new Date(at.getTime() + 2 * 3_600_000), () => services.discussions.hideComment(opener, topic.id, id, reason));
    }
  }
  log(`职工事大家议 discussions: ${TOPICS.length}；参与职工 workers: ${serial}`);
}
