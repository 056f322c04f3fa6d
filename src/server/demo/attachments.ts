import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { ownerOf } from '../modules/proposals/attachments.js';
import { proposals } from '../modules/proposals/schema.js';
import type { Services } from '../services.js';
import { simplePdf, stationPhoto } from './files.js';
import { actorOf } from './proposals.js';

/**
 * Attachments in the demo county (after the proposals' demo): the photo 范海珠
 * took of the riders' corner by 大润发 for her proposal, and the answer letter
 * of 当湖街道 as 人社局's account filed it (seeds/002: the station opened on 8
 * August, 陈杰 unveiled its sign); a progress photo on the charging proposal
 * still being handled, and a photo on her draft. The finished proposal's
 * files are written as they were at the time, through the platform's service
 * (its rules today would refuse them: it is no longer editable nor handled).
 */

const STATION = '在大润发超市周边增设一个职工驿站';
const CHARGING = '解决外卖骑手电动车充电难、充电贵的问题';
const DRAFT = '为环卫工人配备冬季防寒装备';

const ANSWER_LETTER = simplePdf('关于《在大润发超市周边增设一个职工驿站》提案的答复', [
  '范海珠代表：',
  '您提出的在大润发超市周边增设职工驿站的提案收悉。经市总工会协调，',
  '当湖街道与大润发超市商定在超市东侧停车场旁设置“大润发骑手驿站”。',
  '驿站已于 8 月 8 日建成揭牌，提供饮水、充电、热饭和休息服务，',
  '每天 7:00 至 22:00 开放。感谢您对新就业形态劳动者的关心。',
  '当湖街道办事处',
]);

export async function loadDemoAttachments(db: Db, services: Services, _orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const [fan, handler] = await Promise.all([actorOf(db, services, 'fan_haizhu'), actorOf(db, services, 'rsj_handler')]);
  const proposalTitled = async (title: string) => {
    const [row] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.title, title), eq(proposals.submitterUserId, fan.userId!)));
    return row;
  };

  const station = await proposalTitled(STATION);
  await db.transaction(async (tx) => {
    await services.attachments.store(tx, fan, ownerOf(station), { fileName: '大润发门口骑手歇脚处.png', bytes: stationPhoto() }, { purpose: 'material' });
    await services.attachments.store(tx, handler, ownerOf(station), { fileName: '答复函-大润发骑手驿站.pdf', bytes: ANSWER_LETTER }, { purpose: 'answer' });
  });
  // Still open: through the proposals' own rules, as the people would attach them today.
  await services.proposals.attach(handler, (await proposalTitled(CHARGING)).id, { fileName: '万达商圈充电柜选址.png', bytes: stationPhoto() }, { purpose: 'progress' });
  await services.proposals.attach(fan, (await proposalTitled(DRAFT)).id, { fileName: '环卫工人凌晨作业.png', bytes: stationPhoto() }, {});
  log('附件 attachments: 4');
}
