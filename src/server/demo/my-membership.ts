import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { PRIVACY_NOTICE_VERSION } from '../modules/members/privacy-notice.js';
import { hashPassword } from '../platform/accounts/passwords.js';
import { users } from '../platform/accounts/schema.js';
import type { Actor } from '../platform/actor.js';
import { systemActor } from '../platform/actor.js';
import type { Services } from '../services.js';
import { CHEN_JIE } from './activity.js';
import { DEMO_PASSWORD, DEMO_USERS } from './load.js';
import { pinghuResidentId } from './people.js';
import { actorOf } from './proposals.js';

/**
 * 我的会籍 for the demo's worker accounts: each account belongs to a person
 * (users.person_hash, as the SMS sign-in will link it) and signs in with the
 * demo password, and what they see on
 * the phone was done through the services — by them where the workflows let
 * the member act, by the union otherwise:
 * - 陈杰 (chen_jie), the rider station's member since it was founded: changed
 *   platforms himself (本人更新就业信息), and once asked to move to the
 *   新就业形态 joint union, then withdrew the request;
 * - 王强 (wang_qiang), a rider turned courier, whose transfer to the couriers'
 *   union waits for the rider station;
 * - 赵磊 (zhao_lei), who joined the couriers' union online (approved);
 * - 张桂芳 (zhang_guifang), a cleaner whose application to the park's joint
 *   union waits for a decision: no membership yet, no card;
 * - 范海珠 (fan_haizhu), the representative: a representative is a member
 *   first (a seamstress of 美衣服饰 since its union was founded), and her
 *   console's 我的会籍 shows her card.
 */

const WORKERS = {
  wang_qiang: { name: '王强', residentId: pinghuResidentId('1994-09-02', 611), phone: '13857318861' },
  zhao_lei: { name: '赵磊', residentId: pinghuResidentId('1989-01-23', 613), phone: '13857318863' },
  zhang_guifang: { name: '张桂芳', residentId: pinghuResidentId('1971-05-16', 622), phone: '13857318872' },
  fan_haizhu: { name: '范海珠', residentId: pinghuResidentId('1978-03-21', 624), phone: '13857318874' },
};

export async function loadDemoMyMembership(db: Db, services: Services, orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const system = systemActor(await services.rootOrg());
  const { members } = services;

  // The other parts made these accounts with one-time passwords; on the demo they sign in as the demo's own accounts (load.ts) do.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  /** The account belongs to the person; the actor carries it as a signed-in session would. */
  async function worker(username: string, residentId: string): Promise<Actor> {
    const personHash = services.cipher.hashResidentId(residentId);
    await db
      .update(users)
      .set({ personHash, ...(DEMO_USERS.some((u) => u.username === username) ? {} : { passwordHash, mustChangePassword: false }) })
      .where(eq(users.username, username));
    return { ...(await actorOf(db, services, username)), personHash };
  }

  // 陈杰: his membership is the registry's (activity.ts); he switched platforms and once thought of moving.
  const chen = await worker('chen_jie', CHEN_JIE.residentId);
  const current = (await members.myMembership(chen)).membership;
  if (current) {
    await members.actOnMyMembership(chen, 'update_own_employment', {
      employmentForm: 'delivery_rider',
      platformName: current.platformName === '饿了么' ? '美团外卖' : '饿了么',
      note: '换了配送平台，还在当湖站点跑单',
    });
    const asked = await members.requestMyTransfer(chen, { toOrgId: orgIds.new_forms, reason: '想转到新就业形态联合工会，参加那边的活动' }, {});
    await members.actOnMyTransfer(chen, asked.id, 'cancel', undefined);
  }

  // 王强: a rider of the station who now delivers parcels; his transfer waits for the station to confirm.
  await members.addMember(system, {
    orgId: orgIds.rider_station,
    ...WORKERS.wang_qiang,
    employmentForm: 'delivery_rider',
    platformName: '美团外卖',
    joinedOn: '2022-03-15',
    consentOnPaper: true,
  });
  const wang = await worker('wang_qiang', WORKERS.wang_qiang.residentId);
  await members.requestMyTransfer(wang, { toOrgId: orgIds.courier_union, reason: '改做快递了', employment: { employmentForm: 'courier', platformName: '中通快递' } }, {});

  // 赵磊 joined online and was approved; 张桂芳's application waits.
  const apply = (who: { name: string; residentId: string; phone: string }, orgId: number, job: { employmentForm: 'courier' | 'standard'; employerName?: string; platformName?: string }) =>
    members.apply({ orgId, ...who, ...job, consent: true, sensitiveConsent: true, consentVersion: PRIVACY_NOTICE_VERSION }, { ip: '10.23.4.31' });
  await apply(WORKERS.zhao_lei, orgIds.courier_union, { employmentForm: 'courier', platformName: '顺丰速运' });
  const { items } = await members.listApplications(system, { state: 'pending', page: 1, pageSize: 100 });
  await members.actOnApplication(system, items.find((a) => a.name === WORKERS.zhao_lei.name)!.id, 'approve', {});
  await worker('zhao_lei', WORKERS.zhao_lei.residentId);
  await apply(WORKERS.zhang_guifang, orgIds.danghu_park, { employmentForm: 'standard', employerName: '平湖市洁美物业管理有限公司' });
  await worker('zhang_guifang', WORKERS.zhang_guifang.residentId);

  // 范海珠: a member of 美衣服饰's union since it was founded; her account is hers as a member too.
  await members.addMember(system, {
    orgId: orgIds.meiyi,
    ...WORKERS.fan_haizhu,
    employmentForm: 'standard',
    employerName: '平湖美衣服饰有限公司',
    joinedOn: '2012-09-01',
    consentOnPaper: true,
  });
  await worker('fan_haizhu', WORKERS.fan_haizhu.residentId);

  log('我的会籍 my membership: 5 accounts linked (chen_jie, wang_qiang, zhao_lei, zhang_guifang; the representative fan_haizhu)');
}
