import type { Db } from '../../db/client.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { deadlineNoticesJob, type DeadlineWatch } from '../../platform/workflow/deadline-notices.js';
import type { CaseRecords, CaseRow } from './records.js';
import type { CaseState } from './schema.js';
import type { CaseRecord, CaseWorkflow } from './workflow.js';

/**
 * The 15-day period (or the court's deadline) by the calendar: three working
 * days before it ends the lead mediator — or the team while nobody leads —
 * and the workers are reminded; once it has passed, they are told that the
 * workers may now apply for arbitration (art. 14). The platform's deadline
 * job sends each notice once per deadline.
 */
export function createDeadlineJob(
  ctx: { calendar: Pick<CalendarService, 'calendar'>; notifications: Pick<NotificationService, 'notify'>; today: () => string },
  parts: { flow: CaseWorkflow; records: Pick<CaseRecords, 'recordOf' | 'byKey'> },
) {
  const { flow, records } = parts;
  const link = (r: CaseRecord) => `/mediation/cases/${r.id}`;
  const handlers = (r: CaseRecord) => (r.leadUserId !== null ? [r.leadUserId] : r.teamUserIds);
  const period = (row: CaseRow) => (row.courtCaseNo ? '法院要求的调解期限' : '15 日调解期限');
  /** The case with its people (the watch's record carries only the row's keys). */
  const load = async (record: CaseRecord, tx: Db) => {
    const row = await records.byKey(record, tx);
    return { row, full: await records.recordOf(row, tx) };
  };

  const watch: DeadlineWatch<CaseState, CaseRecord> = {
    definition: flow,
    record: (row) => {
      const r = row as CaseRow;
      return { id: r.id, tenantId: r.tenantId, state: r.state, orgPath: r.orgPath, studioId: r.studioId, subject: r.subject, leadUserId: r.leadUserId, teamUserIds: [], workerUserIds: [], partyIds: [] };
    },
    async remind(record, dueOn, tx) {
      const { row, full } = await load(record, tx);
      return [
        ...handlers(full).map((userId) => ({ userId, kind: 'mediation', title: `调解案件即将到期：${full.subject}`, body: `${period(row)}至 ${dueOn}，请抓紧调解`, link: link(full) })),
        ...full.workerUserIds.map((userId) => ({ userId, kind: 'mediation', title: `您的调解案件「${full.subject}」调解期限至 ${dueOn}`, body: '期满未达成协议的，您可以依法申请劳动仲裁', link: link(full) })),
      ];
    },
    async escalate(record, dueOn, tx) {
      const { row, full } = await load(record, tx);
      return [
        ...handlers(full).map((userId) => ({ userId, kind: 'mediation', title: `调解案件已逾期：${full.subject}`, body: `${period(row)} ${dueOn} 已过`, link: link(full) })),
        ...full.workerUserIds.map((userId) => ({ userId, kind: 'mediation', title: `您的调解案件「${full.subject}」已超过调解期限`, body: '根据《劳动争议调解仲裁法》第十四条，您可以依法申请劳动仲裁；工会可提供法律援助', link: link(full) })),
      ];
    },
  };

  return deadlineNoticesJob({ calendar: (tx) => ctx.calendar.calendar(tx), notify: ctx.notifications.notify, today: ctx.today }, [watch]);
}
