import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { OrgType } from '../platform/org-tree/schema.js';
import { hashPassword } from '../platform/accounts/passwords.js';
import type { Role } from '../platform/accounts/roles.js';
import { users } from '../platform/accounts/schema.js';
import { systemActor } from '../platform/actor.js';
import { computeCreditCodeCheckChar } from '../platform/cn-ids.js';
import type { RootInput } from '../platform/setup/service.js';
import type { Services } from '../services.js';

/** The root the demo's tree hangs from (PINGHU_TREE starts at the province below it). */
export const DEMO_ROOT: RootInput = { name: '中华全国总工会', type: 'national' };

/** Demo accounts share one password; README lists them. */
export const DEMO_PASSWORD = 'Lianxin2026';

interface OrgSeed {
  key: string;
  name: string;
  type: OrgType;
  divisionCode?: string;
  foundedOn?: string;
  chairName?: string;
  children?: OrgSeed[];
}

const grassroots = (key: string, name: string, foundedOn: string, chairName: string): OrgSeed => ({ key, name, type: 'grassroots', foundedOn, chairName });

/**
 * 平湖市总工会 and its towns and streets (seeds/002: 当湖、钟埭、曹桥 streets and
 * six towns), with grassroots unions of factories, logistics firms and a
 * delivery-platform station, under 浙江省 and 嘉兴市.
 */
export const PINGHU_TREE: OrgSeed = {
  key: 'zhejiang',
  name: '浙江省总工会',
  type: 'province',
  divisionCode: '330000',
  children: [
    {
      key: 'jiaxing',
      name: '嘉兴市总工会',
      type: 'city',
      divisionCode: '330400',
      children: [
        {
          key: 'pinghu',
          name: '平湖市总工会',
          type: 'county',
          divisionCode: '330482',
          chairName: '许静',
          children: [
            {
              key: 'danghu',
              name: '当湖街道总工会',
              type: 'town',
              divisionCode: '330482',
              children: [
                {
                  key: 'danghu_park',
                  name: '当湖街道小微企业园联合工会',
                  type: 'joint',
                  foundedOn: '2019-06-18',
                  children: [
                    grassroots('jiada', '平湖嘉达光电科技有限公司工会', '2015-03-12', '沈建芳'),
                    grassroots('meiyi', '平湖美衣服饰有限公司工会', '2012-09-01', '顾晓红'),
                  ],
                },
                grassroots('rider_station', '平湖市外卖配送当湖站点工会', '2021-07-28', '陆伟'),
              ],
            },
            {
              key: 'zhongdai',
              name: '钟埭街道总工会',
              type: 'town',
              divisionCode: '330482',
              children: [grassroots('shuntong', '平湖市顺通物流有限公司工会', '2016-05-20', '金海明'), grassroots('hengli', '平湖恒力精密机械有限公司工会', '2010-11-08', '王国强')],
            },
            { key: 'caoqiao', name: '曹桥街道总工会', type: 'town', divisionCode: '330482', children: [grassroots('caoqiao_textile', '平湖曹桥织造有限公司工会', '2013-04-16', '李梅')] },
            { key: 'xindai', name: '新埭镇总工会', type: 'town', divisionCode: '330482', children: [grassroots('xindai_food', '平湖新埭食品有限公司工会', '2011-08-22', '张丽华')] },
            { key: 'xincang', name: '新仓镇总工会', type: 'town', divisionCode: '330482' },
            {
              key: 'zhapu',
              name: '乍浦镇总工会',
              type: 'town',
              divisionCode: '330482',
              children: [grassroots('zhapu_port', '平湖乍浦港口物流有限公司工会', '2009-12-30', '徐东升')],
            },
            { key: 'dushangang', name: '独山港镇总工会', type: 'town', divisionCode: '330482' },
            { key: 'guangchen', name: '广陈镇总工会', type: 'town', divisionCode: '330482' },
            { key: 'linda', name: '林埭镇总工会', type: 'town', divisionCode: '330482' },
            {
              key: 'new_forms',
              name: '平湖市新就业形态劳动者联合工会',
              type: 'joint',
              divisionCode: '330482',
              foundedOn: '2021-05-01',
              children: [grassroots('courier_union', '平湖市快递员工会', '2021-09-10', '周斌')],
            },
          ],
        },
      ],
    },
  ],
};

/** 陈杰's mobile number: on his worker account (短信登录) and on his membership (demo/activity.ts). */
export const CHEN_JIE_PHONE = '13857312046';

/** One account for every role of DESIGN §1, at the org where that person works. */
export const DEMO_USERS: { username: string; displayName: string; org: string; roles: Role[]; phone?: string }[] = [
  { username: 'pinghu_staff', displayName: '平湖市总工会 组织部', org: 'pinghu', roles: ['union_staff'] },
  { username: 'danghu_staff', displayName: '当湖街道工会 干事', org: 'danghu', roles: ['union_staff'] },
  { username: 'zhongdai_staff', displayName: '钟埭街道工会 干事', org: 'zhongdai', roles: ['union_staff'] },
  { username: 'pinghu_leader', displayName: '许静', org: 'pinghu', roles: ['leader'] },
  { username: 'pinghu_supervisor', displayName: '平湖市总工会 督查', org: 'pinghu', roles: ['supervisor'] },
  { username: 'pinghu_admin', displayName: '平湖市总工会 管理员', org: 'pinghu', roles: ['admin'] },
  // Each 承办单位's account (demo/proposals.ts registers the units): named by the office that handles the proposals.
  { username: 'rsj_handler', displayName: '人社局 劳动关系科', org: 'pinghu', roles: ['handler'] },
  { username: 'jtj_handler', displayName: '交通运输局 运输管理科', org: 'pinghu', roles: ['handler'] },
  { username: 'dhjd_handler', displayName: '当湖街道 社会事务办', org: 'pinghu', roles: ['handler'] },
  { username: 'park_handler', displayName: '小微企业园管理公司 综合部', org: 'pinghu', roles: ['handler'] },
  { username: 'lianxin_mediator', displayName: '连心舱 领航员', org: 'danghu_park', roles: ['mediator'] },
  { username: 'fan_haizhu', displayName: '范海珠', org: 'danghu', roles: ['representative'] },
  { username: 'chen_jie', displayName: '陈杰', org: 'rider_station', roles: ['worker'], phone: CHEN_JIE_PHONE },
];

/**
 * A valid 统一社会信用代码 of a Pinghu trade union (authority 8, type 1, division 330482), its serial taken
 * from the union's name: the same union always gets the same code, whichever process loads which part of
 * the demo (a test may start from a saved copy of the demo and load more).
 */
export function demoCreditCode(unionName: string): string {
  const serial = createHash('sha256').update(unionName).digest().readUInt32BE(0) % 1_000_000_000;
  const first17 = `81330482${String(serial).padStart(9, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
}

/** Load the Pinghu demo federation; returns org ids by key. Refuses to load twice. */
export async function loadDemo(db: Db, services: Services, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const [existing] = await db.select({ id: users.id }).from(users).where(inArray(users.username, DEMO_USERS.map((u) => u.username)));
  if (existing) throw new Error('示例数据已经载入过 The demo data is already loaded');
  const root = await services.rootOrg();
  const actor = systemActor(root);
  const orgIds: Record<string, number> = {};

  async function createTree(seed: OrgSeed, parentId: number) {
    const org = await services.orgs.create(actor, {
      parentId,
      name: seed.name,
      type: seed.type,
      divisionCode: seed.divisionCode,
      foundedOn: seed.foundedOn,
      chairName: seed.chairName,
      creditCode: seed.type === 'grassroots' || seed.type === 'joint' ? demoCreditCode(seed.name) : undefined,
    });
    orgIds[seed.key] = org.id;
    for (const child of seed.children ?? []) await createTree(child, org.id);
  }
  await createTree(PINGHU_TREE, root.id);
  log(`组织 orgs: ${Object.keys(orgIds).length}`);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demoUser of DEMO_USERS) {
    const { user } = await services.users.create(actor, {
      username: demoUser.username,
      displayName: demoUser.displayName,
      homeOrgId: orgIds[demoUser.org],
      phone: demoUser.phone,
      grants: demoUser.roles.map((role) => ({ role, orgId: orgIds[demoUser.org] })),
    });
    await db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
  }
  log(`账号 accounts: ${DEMO_USERS.length}（密码 password: ${DEMO_PASSWORD}）`);
  return orgIds;
}
