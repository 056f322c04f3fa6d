import type { Db } from '../db/client.js';
import { addDays } from '../platform/beijing-time.js';
import { computeCreditCodeCheckChar } from '../platform/cn-ids.js';
import type { EnterpriseInput, SignalInput } from '../modules/enterprises/service.js';
import type { Services } from '../services.js';
import { actorOf } from './proposals.js';

/**
 * 一企一策 in the demo county (seeds/002: the 连心舱's 预警识别 and 主动访查 in
 * 当湖's small-business park): the grassroots unions' companies and some
 * without a union, with risk signals at every level and in every state the
 * unions set — among them the eight riders owed wages at the delivery
 * partner company, which the mediation demo turns into a case — visits, and
 * plans with their revisions. Through the services, as the staff would do it.
 */

/** A Pinghu company's 统一社会信用代码 (authority 9, type 1, division 330482) from its 9-character organisation code. */
const creditCode = (orgCode: string) => `91330482${orgCode}` + computeCreditCodeCheckChar(`91330482${orgCode}`);

/** The delivery partner company whose eight riders are owed wages (the mediation demo's court case). */
export const DEMO_DELIVERY_PARTNER = { name: '平湖速达配送服务有限公司', creditCode: creditCode('MA2CP7R41') };

type Step = readonly ['take', string] | readonly ['resolve', string, number];
interface DemoSignal extends Omit<SignalInput, 'reportedOn'> {
  daysAgo: number;
  steps?: readonly Step[];
}
interface DemoEnterprise extends Omit<EnterpriseInput, 'orgId' | 'creditCode'> {
  key: string;
  org: string;
  staff: string;
  orgCode: string;
  signals?: readonly DemoSignal[];
  visits?: readonly { daysAgo: number; visitors: string; findings: string; signal?: Omit<DemoSignal, 'source' | 'daysAgo'> }[];
  plans?: readonly { summary: string; measures: string; responsiblePerson: string }[];
}

const ENTERPRISES: DemoEnterprise[] = [
  {
    key: 'delivery',
    org: 'danghu_park',
    staff: 'danghu_staff',
    name: DEMO_DELIVERY_PARTNER.name,
    orgCode: 'MA2CP7R41',
    industry: '外卖配送（平台配送合作商）',
    address: '平湖市当湖街道小微企业园 3 号楼 105 室',
    employeeCount: 46,
    contactName: '周站长',
    contactPhone: '13905738821',
    hasUnion: false,
    signals: [
      {
        kind: 'wage_arrears',
        level: 'red',
        source: 'worker_report',
        description: '8 名骑手反映 10 月、11 月的工资和配送费共 9.6 万元未结，站长称平台未打款，平台称已结给配送商；骑手已向法院起诉。',
        workersAffected: 8,
        amountFen: 9_600_000,
        daysAgo: 6,
      },
    ],
    plans: [
      {
        summary: '配送合作商，骑手流动性大，尚未建会；与平台结算纠纷导致欠薪风险。',
        measures: '推动配送商建会、骑手入会；每月核对工资发放台账；欠薪线索第一时间转连心舱。',
        responsiblePerson: '当湖街道工会 张敏',
      },
      {
        summary: '已出现 8 名骑手欠薪，骑手已起诉；列为红色预警企业。',
        measures: '连心舱舱长轮值跟进，约谈配送商和平台区域负责人；配合法院委派调解；推动配送商建会、骑手入会。',
        responsiblePerson: '当湖连心舱 舱长 曾育',
      },
    ],
  },
  {
    key: 'jiada',
    org: 'danghu_park',
    staff: 'danghu_staff',
    name: '平湖嘉达光电科技有限公司',
    orgCode: 'MA28J3D16',
    industry: '光电元器件制造',
    address: '平湖市当湖街道小微企业园 1 号楼',
    employeeCount: 210,
    contactName: '沈建芳',
    contactPhone: '13857361234',
    hasUnion: true,
    signals: [
      {
        kind: 'social_insurance',
        level: 'orange',
        source: 'government_data',
        description: '市人社局数据比对：企业 9 月起有 27 名职工社保未足额缴纳。',
        workersAffected: 27,
        amountFen: 18_630_000,
        daysAgo: 20,
        steps: [['take', '园区联合工会 陈洁']],
      },
    ],
    plans: [{ summary: '订单稳定，工会运转正常；社保缴纳存在不足额。', measures: '督促企业按实际工资补缴社保；每季度开展一次劳动法律体检。', responsiblePerson: '园区联合工会 陈洁' }],
  },
  {
    key: 'meiyi',
    org: 'danghu_park',
    staff: 'danghu_staff',
    name: '平湖美衣服饰有限公司',
    orgCode: 'MA29M5Y27',
    industry: '服装加工',
    address: '平湖市当湖街道小微企业园 2 号楼',
    employeeCount: 85,
    contactName: '顾晓红',
    contactPhone: '13587302345',
    hasUnion: true,
    visits: [
      {
        daysAgo: 35,
        visitors: '当湖连心舱 舱长 曾育、微舱长 2 名',
        findings: '外贸订单减少，企业计划裁减一条生产线约 15 人，尚未与工会协商经济补偿。',
        signal: { kind: 'layoff', level: 'orange', description: '计划裁减一条生产线约 15 人，未与工会协商经济补偿方案。', workersAffected: 15, amountFen: null, steps: [['take', '当湖连心舱 舱长 曾育'], ['resolve', '工会与企业协商，裁员方案经职工代表讨论，15 人均按 N+1 支付经济补偿，已签协议。', 12]] },
      },
    ],
  },
  {
    key: 'jincheng',
    org: 'danghu_park',
    staff: 'danghu_staff',
    name: '平湖锦程电子有限公司',
    orgCode: 'MA2AJ8C35',
    industry: '电子线束加工',
    address: '平湖市当湖街道小微企业园 5 号楼',
    employeeCount: 60,
    contactName: '李总',
    contactPhone: '13757319876',
    hasUnion: false,
    signals: [
      {
        kind: 'relocation',
        level: 'red',
        source: 'media',
        description: '本地媒体报道企业设备夜间外运，疑似整体搬迁外省，职工担心工资和经济补偿无着落。',
        workersAffected: 60,
        amountFen: null,
        daysAgo: 3,
        steps: [['take', '当湖街道工会 张敏']],
      },
    ],
    visits: [{ daysAgo: 2, visitors: '当湖街道工会 张敏、律师 李华', findings: '企业确认明年 3 月前迁往安徽，承诺 12 月工资照发；职工要求明确经济补偿。' }],
    plans: [{ summary: '企业拟外迁，未建会，职工 60 人；红色预警。', measures: '每周走访一次；推动企业成立工会或职工代表协商小组，就经济补偿集体协商；做好应急处置预案。', responsiblePerson: '当湖街道工会 张敏' }],
  },
  {
    key: 'shuntong',
    org: 'zhongdai',
    staff: 'zhongdai_staff',
    name: '平湖市顺通物流有限公司',
    orgCode: 'MA2BW6T52',
    industry: '道路货物运输',
    address: '平湖市钟埭街道物流园区',
    employeeCount: 130,
    contactName: '金海明',
    contactPhone: '13655739012',
    hasUnion: true,
    signals: [
      {
        kind: 'wage_arrears',
        level: 'blue',
        source: 'hotline',
        description: '12351 热线：3 名货车司机反映 11 月运费提成迟发半个月。',
        workersAffected: 3,
        amountFen: 2_400_000,
        daysAgo: 15,
        steps: [['resolve', '工会协调企业财务，已于 12 月 1 日补发提成。', 5]],
      },
    ],
  },
  {
    key: 'hengli',
    org: 'zhongdai',
    staff: 'zhongdai_staff',
    name: '平湖恒力精密机械有限公司',
    orgCode: 'MA27H4L68',
    industry: '精密机械制造',
    address: '平湖市钟埭街道兴平二路',
    employeeCount: 180,
    contactName: '王国强',
    contactPhone: '13867364567',
    hasUnion: true,
    signals: [
      {
        kind: 'other',
        level: 'blue',
        source: 'worker_report',
        description: '职工反映赶订单期间连续加班，月加班超过 36 小时，加班费按最低工资计算。',
        workersAffected: 40,
        amountFen: null,
        daysAgo: 4,
      },
    ],
  },
  {
    key: 'hongsheng',
    org: 'zhongdai',
    staff: 'zhongdai_staff',
    name: '平湖宏盛包装材料有限公司',
    orgCode: 'MA2DH9X73',
    industry: '包装材料',
    address: '平湖市钟埭街道工业园区',
    employeeCount: 38,
    hasUnion: false,
  },
  {
    key: 'jieyun',
    org: 'new_forms',
    staff: 'pinghu_staff',
    name: '平湖捷运快递服务有限公司',
    orgCode: 'MA2EJ2Y84',
    industry: '快递服务',
    address: '平湖市经济技术开发区',
    employeeCount: 95,
    contactName: '赵经理',
    contactPhone: '13516738890',
    hasUnion: false,
    signals: [
      {
        kind: 'platform_rules',
        level: 'orange',
        source: 'hotline',
        description: '12351 热线：快递员反映 12 月起派件单价下调 0.2 元并增加超时罚款，未征求快递员意见。',
        workersAffected: 60,
        amountFen: null,
        daysAgo: 8,
      },
    ],
  },
];

export async function loadDemoEnterprises(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const today = services.today();
  const service = services.enterprises;
  let signals = 0;

  const handle = async (actor: Awaited<ReturnType<typeof actorOf>>, id: number, steps: readonly Step[] = []) => {
    for (const step of steps) {
      if (step[0] === 'take') await service.actOnSignal(actor, id, 'take', { follower: step[1] });
      else await service.actOnSignal(actor, id, 'resolve', { resolution: step[1], resolvedOn: addDays(today, -step[2]) });
    }
  };

  for (const e of ENTERPRISES) {
    const staff = await actorOf(db, services, e.staff);
    const { key: _key, org, staff: _staff, orgCode, signals: signalSeeds = [], visits = [], plans = [], ...fields } = e;
    const id = await service.create(staff, { ...fields, orgId: orgIds[org], creditCode: creditCode(orgCode) });
    for (const { daysAgo, steps, ...signal } of signalSeeds) {
      await handle(staff, await service.createSignal(staff, id, { ...signal, reportedOn: addDays(today, -daysAgo) }), steps);
      signals++;
    }
    for (const { daysAgo, signal, ...visit } of visits) {
      const { steps = [], ...raised } = signal ?? { steps: [] };
      const made = await service.addVisit(staff, id, { ...visit, visitedOn: addDays(today, -daysAgo), signal: signal ? (raised as Omit<DemoSignal, 'source' | 'daysAgo'>) : null });
      if (made.signalId) {
        await handle(staff, made.signalId, steps);
        signals++;
      }
    }
    let revision = 0;
    for (const plan of plans) revision = await service.savePlan(staff, id, { ...plan, basedOn: revision });
  }
  log(`一企一策 enterprises: ${ENTERPRISES.length}，风险预警 signals: ${signals}`);
}
