import type { Db } from '../db/client.js';
import { addDays } from '../platform/beijing-time.js';
import type { Services } from '../services.js';
import { actorOf } from './proposals.js';

/**
 * 通知公告 of the demo county: what 平湖市总工会 sends its streets and towns in a December (year-end
 * reports, the New Year help campaign, a meeting) and a street's own notice to its unions; the streets'
 * staff have read some, so the receipts show both columns.
 */
export async function loadDemoNotices(db: Db, services: Services, orgIds: Record<string, number>) {
  const { notices } = services;
  const today = services.today();
  const county = await actorOf(db, services, 'pinghu_staff');
  const street = await actorOf(db, services, 'danghu_staff');
  const zhongdai = await actorOf(db, services, 'zhongdai_staff');

  const yearEnd = await notices.publish(county, {
    orgId: orgIds.pinghu,
    title: '关于做好2026年度工会工作总结和统计年报工作的通知',
    body:
      '各镇（街道）总工会、各产业（系统）工会：\n\n' +
      '为全面总结2026年度工会工作，按照嘉兴市总工会统一部署，现就年度总结和统计年报工作通知如下：\n' +
      '一、工作总结请围绕建会入会、新就业形态劳动者入会、职工代表提案办理、劳动争议调解等重点工作，突出数据和典型案例，字数控制在3000字以内。\n' +
      '二、统计年报以会员实名制数据库为准，截至12月31日。请各单位认真核对会员名册，及时办理会员接转，清理重复会籍。\n' +
      '三、请于2027年1月10日前将工作总结和统计年报报送市总工会组织部。\n\n' +
      '联系人：市总工会组织部，电话 0573-85012345。',
  });
  await notices.publish(county, {
    orgId: orgIds.pinghu,
    title: '关于开展2027年元旦春节“送温暖”活动的通知',
    body:
      '各镇（街道）总工会：\n\n' +
      '元旦春节将至，为把党和政府的温暖送到困难职工、一线职工和新就业形态劳动者身边，市总工会决定开展2027年“送温暖”活动。\n' +
      '一、走访慰问对象：在档困难职工、因病因灾致困职工、坚守岗位的一线职工，以及快递员、外卖配送员、网约车司机、货车司机等新就业形态劳动者。\n' +
      '二、请各单位于12月25日前摸清慰问对象，填写慰问名单报市总工会权益保障部。\n' +
      '三、慰问资金严格按照规定使用，做到公开、公平、公正。',
  });
  await notices.publish(street, {
    orgId: orgIds.danghu,
    title: '当湖街道总工会关于召开12月基层工会主席例会的通知',
    body: '各基层工会：\n\n定于12月18日（星期五）下午2:00在街道总工会三楼会议室召开12月基层工会主席例会，传达市总工会年终工作部署，请各基层工会主席准时参加。',
  });
  // A notice that waits for its day: recipients see it from the first working day of the new year.
  await notices.publish(county, {
    orgId: orgIds.pinghu,
    title: '关于2027年元旦假期值班安排的通知',
    body: '各镇（街道）总工会：\n\n元旦假期期间，职工服务热线和连心舱实行值班制度。请各单位于12月30日前将值班人员名单和联系电话报市总工会办公室。',
    publishOn: addDays(today, 3),
  });

  await notices.markRead(street, yearEnd.id);
  await notices.markRead(zhongdai, yearEnd.id);
}
