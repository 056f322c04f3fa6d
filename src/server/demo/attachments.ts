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
 * of 当湖街道 as its account filed it (seeds/002: the station opened on 8
 * August, 陈杰 unveiled its sign); a progress photo of 交通运输局 on the charging
 * proposal still being handled, and a photo on her draft. Each is filed when
 * its step was taken (the submission, the answer, the progress report, the
 * draft), read from the proposal. The finished proposal's files are written as
 * they were at the time, through the platform's service (its rules today would
 * refuse them: it is no longer editable nor handled).
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

/** A few minutes before a step: the file went up with it. */
const justBefore = (at: Date) => new Date(at.getTime() - 5 * 60_000);

export async function loadDemoAttachments(db: Db, services: Services, _orgIds: Record<string, number>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const [fan, office, transport] = await Promise.all(['fan_haizhu', 'dhjd_handler', 'jtj_handler'].map((u) => actorOf(db, services, u)));
  const proposalTitled = async (title: string) => {
    const [row] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.title, title), eq(proposals.submitterUserId, fan.userId!)));
    return row;
  };

  const station = await proposalTitled(STATION);
  await services.asOf(justBefore(station.submittedAt!), () =>
    db.transaction((tx) => services.attachments.store(tx, fan, ownerOf(station), { fileName: '大润发门口骑手歇脚处.png', bytes: stationPhoto() }, { purpose: 'material' })),
  );
  await services.asOf(justBefore(station.answeredAt!), () =>
    db.transaction((tx) => services.attachments.store(tx, office, ownerOf(station), { fileName: '答复函-大润发骑手驿站.pdf', bytes: ANSWER_LETTER }, { purpose: 'answer' })),
  );
  // Still open: through the proposals' own rules, as the people attached them.
  const charging = await services.proposals.detail(transport, (await proposalTitled(CHARGING)).id);
  await services.asOf(justBefore(charging.progress.at(-1)!.at), () =>
    services.proposals.attach(transport, charging.id, { fileName: '万达商圈充电柜选址.png', bytes: stationPhoto() }, { purpose: 'progress' }),
  );
  const draft = await proposalTitled(DRAFT);
  await services.asOf(new Date(draft.createdAt.getTime() + 10 * 60_000), () => services.proposals.attach(fan, draft.id, { fileName: '环卫工人凌晨作业.png', bytes: stationPhoto() }, {}));
  log('附件 attachments: 4');
}
