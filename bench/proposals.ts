/**
 * A county's years of proposals, for the `proposals` bench:
 *
 *   node --import tsx bench/generate.ts --proposals 100000
 *
 * loads the Pinghu demo as `main.ts demo` does (its unions, members, handler
 * units, review group and accounts: 范海珠, 人社局's rsj_handler), adds 2,000
 * representatives across the county's unions and two dozen more handler units
 * (the county's departments), and fills the unions with proposals exactly as
 * the service leaves them: the search document of drafting.ts
 * (`searchTokens` of title, reasons and suggestions), serial numbers
 * YYYY-NNNN per county and year, 0–6 co-signers from the submitter's union,
 * lead (and some co-) handlers from 交办 on, due dates on those being handled
 * (some overdue), and the timeline's `create` and `submit`.
 *
 * The texts are built from vocabularies (places, groups of workers, problems
 * and asks, one field each), so a search term hits about as many proposals as
 * a real one would: 驿站 or 高温 a few percent, a place and a group together
 * a fraction of a percent. States spread the way a county's years look: past
 * years mostly concluded, refused (转意见建议) or merged; this year's at every step.
 *
 * Set-based: each batch of 10,000 is one INSERT … SELECT FROM unnest(arrays)
 * into proposals, proposal_cosigners and workflow_timeline, and the proposals
 * indexes are built once after the load (bench/bulk.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { queryRows } from '../src/server/db/client.js';
import { loadDemoActivity } from '../src/server/demo/activity.js';
import { DEMO_PASSWORD, loadDemo } from '../src/server/demo/load.js';
import { personName, prng } from '../src/server/demo/people.js';
import { loadDemoProposals } from '../src/server/demo/proposals.js';
import { type AnswerCategory, handlerUnits, type ProposalField, type ProposalState } from '../src/server/modules/proposals/schema.js';
import { hashPassword } from '../src/server/platform/accounts/passwords.js';
import { users } from '../src/server/platform/accounts/schema.js';
import { searchTokens, searchVector } from '../src/server/platform/search-tokens.js';
import type { Services } from '../src/server/services.js';
import { dropIndexesForLoad } from './bulk.js';

const BATCH = 10_000;
/**
 * A county with 100,000 proposals over thirteen years has representatives in the thousands, each raising a
 * handful a year (until 2026-12-06 the bench had 200, some 500 proposals each and 范海珠 2,300 of her own,
 * which no representative has; docs/scaling.md).
 */
const REPRESENTATIVES = 2_000;
/** The first year of the county's proposals online. */
const FIRST_YEAR = 2014;

/** The county's departments beside the demo's four handler units. */
const DEPARTMENTS = [
  '平湖市住房和城乡建设局', '平湖市卫生健康局', '平湖市教育局', '平湖市市场监督管理局', '平湖市应急管理局', '平湖市综合行政执法局',
  '平湖市经济和信息化局', '平湖市民政局', '平湖市财政局', '平湖市医疗保障局', '平湖市公安局交通警察大队', '平湖市自然资源和规划局',
  '平湖市商务局', '平湖市农业农村局', '平湖市文化和广电旅游体育局', '平湖市总工会权益保障部', '平湖市总工会职工服务中心', '平湖经济技术开发区管委会',
  '国网平湖市供电公司', '平湖市公交有限公司', '钟埭街道办事处', '曹桥街道办事处', '新埭镇人民政府', '乍浦镇人民政府',
];

const PLACES = ['当湖街道', '钟埭街道', '曹桥街道', '新埭镇', '新仓镇', '乍浦镇', '独山港镇', '广陈镇', '林埭镇', '经济技术开发区', '高铁新城', '小微企业园', '万达广场商圈', '东湖景区周边', '乍浦港区', '独山港区'];
const GROUPS = ['外卖骑手', '快递员', '网约车司机', '货车司机', '环卫工人', '建筑工人', '纺织女工', '一线职工', '夜班职工', '外来务工人员', '保安员', '家政服务员', '医院护工', '装卸工', '青年职工', '女职工', '困难职工', '电子厂职工'];

/** A problem a representative raises and what is asked: `{p}` the place, `{g}` the group of workers. */
interface Topic {
  field: ProposalField;
  title: string;
  reason: string;
  ask: string;
}
const TOPICS: Topic[] = [
  { field: 'new_forms', title: '在{p}增设户外劳动者驿站', reason: '{p}{g}集中，午间和雨天没有歇脚、喝水、给电动车充电的地方，最近的驿站骑行要十几分钟。', ask: '协调街道和商户在{p}选址新建驿站，配备饮水、充电、微波炉和休息座椅。' },
  { field: 'new_forms', title: '为{p}{g}开设爱心助餐点', reason: '{p}的{g}午间就餐时间不固定，周边快餐价格高，常常顾不上吃饭。', ask: '依托社区食堂和企业食堂开设爱心助餐点，持会员证就餐给予优惠。' },
  { field: 'new_forms', title: '解决{g}电动车充电难、充电贵的问题', reason: '{p}缺少集中充电设施，部分{g}在楼道充电存在火灾隐患，换电费用每月三百元以上。', ask: '在{g}集中的地点建设集中充换电柜，对持会员证的给予充电优惠。' },
  { field: 'new_forms', title: '推动平台企业为{g}缴纳职业伤害保障', reason: '{p}的{g}多以众包方式接单，发生交通事故后难以认定工伤，医疗费用只能自己承担。', ask: '督促平台企业落实新就业形态就业人员职业伤害保障，工会提供维权法律援助。' },
  { field: 'new_forms', title: '规范平台派单算法，保障{g}合理配送时间', reason: '平台不断压缩配送时限，{g}为避免超时罚款闯红灯、逆行，交通事故时有发生。', ask: '推动平台企业与工会协商算法规则，合理确定配送时限，取消不合理的超时罚款。' },
  { field: 'new_forms', title: '在{p}设置{g}临时停车休息点', reason: '{p}周边候客、装卸时无处停车休息，经常被贴罚单。', ask: '在{p}划定临时停车休息区，配套卫生间和饮水点。' },
  { field: 'wages', title: '督促企业落实{g}夏季高温津贴', reason: '{p}部分企业未按规定向户外作业的{g}发放高温津贴，或以防暑饮品代替津贴。', ask: '人社部门开展高温津贴专项检查，并在企业张贴高温津贴标准和投诉渠道。' },
  { field: 'wages', title: '治理{p}拖欠{g}工资问题', reason: '年底前{p}部分工程项目和小微企业拖欠{g}工资，职工讨薪困难。', ask: '建立欠薪预警和工资保证金制度，工会开通讨薪绿色通道，提供法律援助。' },
  { field: 'wages', title: '在{p}推行行业集体协商', reason: '{p}许多中小企业多年未调整薪酬标准，{g}收入增长缓慢。', ask: '以行业为单位开展集体协商，每年签订专项集体合同并公开协商结果。' },
  { field: 'wages', title: '按规定支付{g}加班费', reason: '{p}部分企业以综合工时为名安排{g}长时间加班，却不足额支付加班费。', ask: '劳动监察部门加强检查，企业按月公示加班时长和加班费发放情况。' },
  { field: 'safety', title: '加强{p}{g}防暑降温措施', reason: '盛夏酷暑{g}仍在户外或闷热车间作业，中暑事件时有发生。', ask: '午间调整作息，企业配备防暑药品和清凉饮料，开放职工之家作为纳凉点。' },
  { field: 'safety', title: '改善{p}车间通风和职业病防护', reason: '{p}部分企业车间粉尘、噪声超标，{g}的劳动防护用品配备不足。', ask: '开展职业病危害专项检查，企业为职工配齐防护用品并组织职业健康体检。' },
  { field: 'safety', title: '排查{p}电动车夜间行车安全隐患', reason: '{p}部分道路照明不足，{g}夜间骑电动车下班多次发生交通事故。', ask: '增设路灯和警示标志，工会为夜归职工发放反光背心和头盔。' },
  { field: 'safety', title: '为{g}配备冬季防寒装备', reason: '{g}凌晨作业，冬季气温低，现有工作服保暖性差。', ask: '用人单位为{g}统一配备防寒服、手套和护膝。' },
  { field: 'safety', title: '加强{p}消防通道和宿舍安全管理', reason: '{p}部分企业职工宿舍消防通道被堵，电线私拉乱接，{g}反映存在安全隐患。', ask: '消防部门联合工会开展宿舍安全检查，限期整改，并组织消防演练。' },
  { field: 'welfare', title: '开通{p}夜班职工通勤公交', reason: '{p}企业夜班十点下班，公交末班车九点，{g}只能骑电动车夜归。', ask: '增开{p}至城区的夜班公交线路，或由企业联合开通通勤班车。' },
  { field: 'welfare', title: '开办{p}职工子女暑期托管班', reason: '{p}双职工家庭暑期孩子无人照看，{g}请假困难。', ask: '由工会牵头，在社区开办职工子女暑期托管班，费用由工会经费适当补贴。' },
  { field: 'welfare', title: '降低{p}职工食堂菜价', reason: '{p}食堂由一家公司承包，午餐两荤一素二十二元，高于周边同类食堂，{g}意见较大。', ask: '与承包方重新议价，推出职工平价套餐，工会协调设立用餐补贴。' },
  { field: 'welfare', title: '增加{g}疗休养名额', reason: '每年疗休养名额多用于先进个人，{p}的{g}很少有机会参加。', ask: '疗休养名额向一线倾斜，每年不少于一半。' },
  { field: 'welfare', title: '解决{p}外来务工人员子女入学难', reason: '{p}外来务工人员子女积分入学名额有限，{g}只能把孩子送回老家。', ask: '增加公办学校学位，积分入学向长期在平湖工作的职工倾斜。' },
  { field: 'welfare', title: '建设{p}职工公寓和蓝领公寓', reason: '{p}房租上涨，{g}租住的城中村条件差、离厂远。', ask: '利用闲置厂房改建蓝领公寓，租金按职工收入分档补贴。' },
  { field: 'welfare', title: '在{p}设立爱心母婴室', reason: '{p}的女职工哺乳期没有合适的场所，{g}反映很不方便。', ask: '在企业和园区按标准建设爱心母婴室，配备冰箱、沙发和洗手池。' },
  { field: 'welfare', title: '提高{g}年度免费体检标准', reason: '{p}企业为{g}安排的体检项目少，多年未调整，查不出常见慢性病。', ask: '工会与医院协商职工体检套餐，增加女职工两癌筛查项目。' },
  { field: 'welfare', title: '扩大困难职工帮扶覆盖面', reason: '{p}部分{g}因病致困，但家庭收入略高于标准，得不到帮扶。', ask: '完善困难职工认定办法，设立临时救助，对大病职工给予医疗互助补助。' },
  { field: 'democracy', title: '推进{p}非公企业厂务公开', reason: '{p}部分非公企业未建立厂务公开制度，{g}对企业经营和福利情况不了解。', ask: '工会督促企业建立厂务公开栏，按季度公布加班费、福利和安全生产情况。' },
  { field: 'democracy', title: '在{p}小微企业建立职代会制度', reason: '{p}小微企业职代会覆盖率低，{g}的意见缺少表达渠道。', ask: '以区域和行业职代会覆盖小微企业，每年至少召开一次。' },
  { field: 'democracy', title: '保障{g}参与企业规章制度制定', reason: '{p}部分企业修改考勤和奖惩制度未经职工讨论，{g}权益受损。', ask: '涉及职工切身利益的规章制度须经职代会或全体职工讨论通过。' },
  { field: 'skills', title: '为{g}开展免费技能培训', reason: '{p}的{g}学历偏低，缺少提升技能的机会，收入难以提高。', ask: '工会联合职业院校开设夜校和线上课程，培训合格给予补贴。' },
  { field: 'skills', title: '开展{p}职业技能等级认定', reason: '{p}企业的{g}技术过硬却没有等级证书，评优和加薪受影响。', ask: '人社部门在{p}设立认定点，企业自主评价，考评费用由工会补贴。' },
  { field: 'skills', title: '举办{g}劳动技能竞赛', reason: '{p}缺少面向{g}的技能比武，青年人才脱颖而出的渠道少。', ask: '每年举办行业技能竞赛，获奖者优先推荐五一劳动奖章和技术能手。' },
  { field: 'other', title: '为{g}提供免费法律咨询服务', reason: '{p}的{g}遇到劳动纠纷不知如何维权，请律师费用高。', ask: '在工会服务站设立法律咨询点，每周安排律师值班。' },
  { field: 'other', title: '建立{g}心理健康关爱机制', reason: '{p}的{g}工作压力大、远离家人，心理问题逐渐增多。', ask: '工会开通心理咨询热线，定期组织心理疏导和团体辅导活动。' },
  { field: 'other', title: '丰富{p}职工业余文化生活', reason: '{p}的{g}下班后缺少文体活动场所，业余生活单调。', ask: '开放职工之家和文体中心，组织读书、球赛和文艺演出。' },
  { field: 'other', title: '推进{g}入会和会员服务', reason: '{p}仍有不少{g}没有加入工会，不了解会员能享受的服务。', ask: '开展集中入会行动，推广手机入会，落实会员普惠服务。' },
];

/** What representatives add, so no two texts are alike (and common words appear where they would). */
const REASON_TAILS = ['职工反映强烈。', '据工会走访，约有{n}名职工受影响。', '此类问题近年来多次被提出，尚未根本解决。', '今年以来相关投诉{n}起。', '问题在节假日前后更为突出。', '职工代表在座谈中集中反映了这一情况。', ''];
const ASK_TAILS = ['请有关部门研究落实。', '建议列入年度实事项目。', '请工会跟踪督办并向职工反馈。', '可先在{p}试点，再全市推开。', ''];

/** States of a past year's proposal, and this year's, by share. */
const PAST: [ProposalState, number][] = [['concluded', 0.66], ['not_accepted', 0.2], ['merged', 0.1], ['withdrawn', 0.04]];
const RECENT: [ProposalState, number][] = [
  ['draft', 0.04], ['submitted', 0.08], ['in_review', 0.08], ['accepted', 0.05], ['assigned', 0.1], ['in_progress', 0.2],
  ['answered', 0.05], ['feedback', 0.08], ['concluded', 0.18], ['not_accepted', 0.09], ['merged', 0.04], ['withdrawn', 0.01],
];
const ORDER: ProposalState[] = ['draft', 'submitted', 'in_review', 'accepted', 'assigned', 'in_progress', 'answered', 'feedback', 'concluded'];
const reached = (state: ProposalState, step: ProposalState) => ORDER.indexOf(state) >= ORDER.indexOf(step);

const DAY = 86_400_000;
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Representative {
  userId: number;
  name: string;
  orgId: number;
  tenantId: number;
  orgPath: string;
}

interface Row {
  id: number;
  tenantId: number;
  serialNo: string | null;
  orgId: number;
  orgPath: string;
  state: ProposalState;
  title: string;
  field: ProposalField;
  reasons: string;
  suggestions: string;
  submitterUserId: number;
  submitterName: string;
  workerName: string | null;
  decisionReason: string | null;
  mergedIntoId: number | null;
  reviewGroupId: number | null;
  leadHandlerId: number | null;
  coHandlerIds: string;
  dueOn: string | null;
  progressPercent: number;
  answerCategory: AnswerCategory | null;
  answer: string | null;
  answeredAt: string | null;
  submittedAt: string | null;
  concludedAt: string | null;
  createdAt: string;
  updatedAt: string;
  doc: string;
  cosigners: Representative[];
}

async function insertBatch(db: Db, rows: Row[]) {
  const col = <K extends keyof Row>(key: K) => sql.param(rows.map((r) => r[key]));
  const cosigns = rows.flatMap((r) => r.cosigners.map((c) => ({ r, c })));
  const cosignCol = (pick: (x: { r: Row; c: Representative }) => unknown) => sql.param(cosigns.map(pick));
  await db.execute(sql`
    with u as (
      select * from unnest(${col('id')}::bigint[], ${col('tenantId')}::bigint[], ${col('serialNo')}::text[], ${col('orgId')}::bigint[], ${col('orgPath')}::text[],
                           ${col('state')}::text[], ${col('title')}::text[], ${col('field')}::text[], ${col('reasons')}::text[], ${col('suggestions')}::text[],
                           ${col('submitterUserId')}::bigint[], ${col('submitterName')}::text[], ${col('workerName')}::text[], ${col('decisionReason')}::text[],
                           ${col('mergedIntoId')}::bigint[], ${col('reviewGroupId')}::bigint[], ${col('leadHandlerId')}::bigint[], ${col('coHandlerIds')}::text[],
                           ${col('dueOn')}::date[], ${col('progressPercent')}::int[], ${col('answerCategory')}::text[], ${col('answer')}::text[],
                           ${col('answeredAt')}::timestamptz[], ${col('submittedAt')}::timestamptz[], ${col('concludedAt')}::timestamptz[],
                           ${col('createdAt')}::timestamptz[], ${col('updatedAt')}::timestamptz[], ${col('doc')}::text[])
        as u(id, tenant_id, serial_no, org_id, org_path, state, title, field, reasons, suggestions, submitter_user_id, submitter_name, worker_name,
             decision_reason, merged_into_id, review_group_id, lead_handler_id, co_handler_ids, due_on, progress_percent, answer_category, answer,
             answered_at, submitted_at, concluded_at, created_at, updated_at, doc)
    ),
    p as (
      insert into proposals (tenant_id, id, serial_no, org_id, org_path, state, title, field, reasons, suggestions, submitter_user_id, submitter_name,
                             worker_name, decision_reason, merged_into_id, review_group_id, lead_handler_id, co_handler_ids, due_on, progress_percent,
                             answer_category, answer, answered_at, submitted_at, concluded_at, search, version, created_at, updated_at)
      overriding system value
      select tenant_id, id, serial_no, org_id, org_path::ltree, state, title, field, reasons, suggestions, submitter_user_id, submitter_name,
             worker_name, decision_reason, merged_into_id, review_group_id, lead_handler_id, co_handler_ids::bigint[], due_on, progress_percent,
             answer_category, answer, answered_at, submitted_at, concluded_at, ${searchVector(sql`doc`)}, 1, created_at, updated_at
      from u
    ),
    c as (
      insert into proposal_cosigners (tenant_id, proposal_id, user_id, name, created_at)
      select * from unnest(${cosignCol(({ r }) => r.tenantId)}::bigint[], ${cosignCol(({ r }) => r.id)}::bigint[], ${cosignCol(({ c }) => c.userId)}::bigint[],
                           ${cosignCol(({ c }) => c.name)}::text[], ${cosignCol(({ r }) => r.submittedAt)}::timestamptz[])
    )
    insert into workflow_timeline (tenant_id, workflow, record_id, seq, actor_user_id, actor_name, action, from_state, to_state, payload, at)
    select tenant_id, 'proposal', id, 1, submitter_user_id, submitter_name, 'create', null, 'draft', jsonb_build_object('title', title, 'orgId', org_id), created_at
    from u
    union all
    select tenant_id, 'proposal', id, 2, submitter_user_id, submitter_name, 'submit', 'draft', 'submitted', null, submitted_at
    from u where submitted_at is not null`);
}

/** Load the demo and `total` proposals into its county. `today` is the last day anything happened. */
export async function generateProposals(db: Db, services: Services, total: number, options: { kind: 'pglite' | 'postgres'; today: string; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const r = prng(20_261_206);
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)];
  const weighted = <T>(shares: readonly [T, number][]) => {
    let x = r();
    for (const [value, share] of shares) if ((x -= share) < 0) return value;
    return shares[shares.length - 1][0];
  };

  const orgIds = await loadDemo(db, services);
  await loadDemoActivity(services, orgIds, { today: options.today });
  await loadDemoProposals(db, services, orgIds);
  const pinghu = (await services.orgs.byId(orgIds.pinghu))!;

  // The representatives across the county's unions (a third at the towns), with the demo's own.
  const unions = await queryRows<{ id: number; tenant_id: number; path: string; type: string }>(
    db,
    sql`select id::int, tenant_id::int, path::text, type from orgs where path <@ ${pinghu.path}::ltree and id <> ${pinghu.id} and active`,
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const placed = Array.from({ length: REPRESENTATIVES }, (_, i) => {
    const pool = unions.filter((u) => (i % 3 === 0 ? u.type === 'town' : u.type !== 'town'));
    return { username: `bench_rep_${String(i + 1).padStart(4, '0')}`, name: personName(r), union: pool[i % pool.length] };
  });
  const created = await queryRows<{ id: number; username: string }>(
    db,
    sql`insert into users (username, display_name, password_hash, must_change_password, home_org_id)
        select * from unnest(${sql.param(placed.map((p) => p.username))}::text[], ${sql.param(placed.map((p) => p.name))}::text[],
                             ${sql.param(placed.map(() => passwordHash))}::text[], ${sql.param(placed.map(() => false))}::boolean[],
                             ${sql.param(placed.map((p) => p.union.id))}::bigint[])
        returning id::int, username`,
  );
  const idOf = new Map(created.map((c) => [c.username, Number(c.id)]));
  await db.execute(sql`
    insert into role_grants (user_id, org_id, role)
    select * from unnest(${sql.param(placed.map((p) => idOf.get(p.username)))}::bigint[], ${sql.param(placed.map((p) => p.union.id))}::bigint[],
                         ${sql.param(placed.map(() => 'representative'))}::text[])`);
  const demoReps = await queryRows<{ id: number; name: string; org_id: number }>(
    db,
    sql`select u.id::int, u.display_name as name, g.org_id::int from users u join role_grants g on g.user_id = u.id
        where g.role = 'representative' and u.username not like 'bench_rep_%'`,
  );
  const unionById = new Map(unions.map((u) => [Number(u.id), u]));
  const representatives: Representative[] = [
    ...placed.map((p) => ({ userId: idOf.get(p.username)!, name: p.name, orgId: p.union.id, tenantId: p.union.tenant_id, orgPath: p.union.path })),
    ...demoReps.flatMap((d) => {
      const union = unionById.get(Number(d.org_id));
      return union ? [{ userId: Number(d.id), name: d.name, orgId: union.id, tenantId: union.tenant_id, orgPath: union.path }] : [];
    }),
  ];
  const byUnion = new Map<number, Representative[]>();
  for (const rep of representatives) byUnion.set(rep.orgId, [...(byUnion.get(rep.orgId) ?? []), rep]);
  const [fan] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'fan_haizhu'));
  const fanRep = representatives.find((rep) => rep.userId === fan.id)!;

  // The county's departments as handler units, beside the demo's (人社局's account acts for those).
  const demoUnits = (await db.select({ id: handlerUnits.id }).from(handlerUnits).where(eq(handlerUnits.tenantId, pinghu.tenantId))).map((u) => u.id);
  const departments = (
    await db
      .insert(handlerUnits)
      .values(DEPARTMENTS.map((name) => ({ tenantId: pinghu.tenantId, orgId: pinghu.id, orgPath: pinghu.path, name, kind: name.includes('工会') ? ('union' as const) : name.includes('公司') ? ('enterprise' as const) : ('government' as const) })))
      .returning({ id: handlerUnits.id })
  ).map((u) => u.id);
  const allUnits = [...demoUnits, ...departments];
  const [{ id: reviewGroupId }] = await queryRows<{ id: number }>(db, sql`select id::int from proposal_review_groups where tenant_id = ${pinghu.tenantId} and org_id = ${pinghu.id} limit 1`);

  // Serials continue after the demo's, per county and year.
  const lastSerial = new Map<string, number>(
    (await queryRows<{ key: string; last: number }>(db, sql`select tenant_id || ':' || substr(serial_no, 1, 4) as key, max(substr(serial_no, 6)::int)::int as last from proposals where serial_no is not null group by 1`)).map((x) => [
      x.key,
      Number(x.last),
    ]),
  );
  const nextSerial = (tenantId: number, year: string) => {
    const key = `${tenantId}:${year}`;
    const n = (lastSerial.get(key) ?? 0) + 1;
    lastSerial.set(key, n);
    return `${year}-${String(n).padStart(4, '0')}`;
  };

  // Creation days over the years, more each year (the scheme took hold), in order so serials follow dates.
  const today = dayMs(options.today);
  const start = dayMs(`${FIRST_YEAR}-01-01`);
  const days = Array.from({ length: total }, () => start + Math.floor((today - start) * Math.sqrt(r()))).sort((a, b) => a - b);
  const fill = (text: string, p: string, g: string) => text.replaceAll('{p}', p).replaceAll('{g}', g).replaceAll('{n}', String(3 + Math.floor(r() * 200)));
  const at = (ms: number, hour: number) => new Date(ms + (hour - 8) * 3_600_000 + Math.floor(r() * 3_600_000)).toISOString();
  const concludedByTenant = new Map<number, number>();

  // The proposals indexes (the GIN on the search document above all) are built once after the load.
  const rebuildIndexes = await dropIndexesForLoad(db, 'proposals');
  const started = performance.now();
  let inFlight: Promise<void> | null = null;
  for (let done = 0; done < total; done += BATCH) {
    const n = Math.min(BATCH, total - done);
    const ids = (await queryRows<{ id: number }>(db, sql`select nextval('proposals_id_seq')::bigint as id from generate_series(1, ${n})`)).map((row) => Number(row.id));
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      const created = days[done + i];
      // 范海珠, the demo's representative, is an active one: about ten a year.
      const submitter = r() < 0.001 ? fanRep : pick(representatives);
      const topic = pick(TOPICS);
      const place = pick(PLACES);
      const group = pick(GROUPS);
      const title = fill(topic.title, place, group);
      const reasons = fill(topic.reason + pick(REASON_TAILS), place, group);
      const suggestions = fill(topic.ask + pick(ASK_TAILS), place, group);
      const recent = today - created < 365 * DAY;
      const state = weighted(recent ? RECENT : PAST);
      const submitted = state !== 'draft';
      const submittedAt = submitted ? created + Math.floor(r() * 5) * DAY : null;
      const reviewed = submitted && !['submitted', 'withdrawn'].includes(state);
      const handled = reached(state, 'assigned') && state !== 'not_accepted';
      const assignedAt = submittedAt! + (20 + Math.floor(r() * 20)) * DAY;
      const answered = reached(state, 'answered');
      const answeredAt = answered ? Math.min(today, assignedAt + (30 + Math.floor(r() * 60)) * DAY) : null;
      const concluded = state === 'concluded';
      const lastMove = concluded
        ? answeredAt! + Math.floor(r() * 30) * DAY
        : answered
          ? answeredAt!
          : handled
            ? assignedAt + Math.floor(r() * 40) * DAY
            : reviewed
              ? submittedAt! + Math.floor(r() * 20) * DAY
              : (submittedAt ?? created);
      const updated = Math.min(today, lastMove);
      // On the handling ones: the deadline 交办 set, about three months on (a sixth of them late).
      const dueOn = state === 'assigned' || state === 'in_progress' ? isoDay(r() < 0.16 ? today - (1 + Math.floor(r() * 40)) * DAY : today + Math.floor(r() * 85) * DAY) : null;
      const mates = (byUnion.get(submitter.orgId) ?? []).filter((m) => m.userId !== submitter.userId);
      const from = Math.floor(r() * mates.length);
      const cosigners = submitted ? [...mates.slice(from), ...mates.slice(0, from)].slice(0, Math.floor(r() * 7)) : [];
      const lead = handled ? (topic.field === 'wages' || topic.field === 'skills' ? (r() < 0.5 ? demoUnits[0] : pick(allUnits)) : pick(allUnits)) : null;
      const id = ids[i];
      const category = answered ? weighted<AnswerCategory>([['A', 0.55], ['B', 0.35], ['C', 0.1]]) : null;
      rows.push({
        id,
        tenantId: submitter.tenantId,
        serialNo: submitted ? nextSerial(submitter.tenantId, isoDay(submittedAt!).slice(0, 4)) : null,
        orgId: submitter.orgId,
        orgPath: submitter.orgPath,
        state,
        title,
        field: topic.field,
        reasons,
        suggestions,
        submitterUserId: submitter.userId,
        submitterName: submitter.name,
        workerName: r() < 0.2 ? personName(r) : null,
        decisionReason: state === 'not_accepted' ? '经审议，该建议涉及事项已在年度工作计划中统筹安排，转有关部门作为意见建议参考。' : state === 'merged' ? '与同一事项的提案合并办理。' : null,
        mergedIntoId: state === 'merged' ? (concludedByTenant.get(submitter.tenantId) ?? null) : null,
        reviewGroupId: reviewed ? reviewGroupId : null,
        leadHandlerId: lead,
        coHandlerIds: `{${handled && r() < 0.2 ? pick(allUnits.filter((u) => u !== lead)) : ''}}`,
        dueOn,
        progressPercent: answered ? 100 : state === 'in_progress' ? 10 + Math.floor(r() * 8) * 10 : 0,
        answerCategory: category,
        answer: answered ? `关于「${title}」的答复：已会同有关部门研究，${category === 'A' ? '问题已解决' : category === 'B' ? '已列入计划逐步解决' : '因条件限制暂作参考'}。` : null,
        answeredAt: answeredAt === null ? null : at(answeredAt, 15),
        submittedAt: submittedAt === null ? null : at(submittedAt, 10),
        concludedAt: concluded ? at(updated, 16) : null,
        createdAt: at(created, 9),
        updatedAt: at(updated, 17),
        doc: searchTokens(title, reasons, suggestions),
        cosigners,
      });
      if (concluded) concludedByTenant.set(submitter.tenantId, id);
    }
    // The next batch is built while this one is written.
    if (inFlight) await inFlight;
    inFlight = insertBatch(db, rows);
    inFlight.catch(() => {});
    log(`proposals ${done + n} (${Math.round((done + n) / ((performance.now() - started) / 1000))}/s)`);
  }
  if (inFlight) await inFlight;
  await rebuildIndexes(options.kind, ['proposal_cosigners', 'workflow_timeline', 'users', 'role_grants', 'handler_units']);
  log(`proposals loaded and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { orgIds };
}
