import { Space, Tag } from 'antd';
import { StateTag } from '../../components/StateTag';
import type { MediationCase } from './api';

/** The case workflow, as the server names it (`GET /api/workflows/mediation_case`). */
export const WORKFLOW = 'mediation_case';

/** An amount in fen as yuan, the way the agreement prints it. */

const STANDING_COLORS: Record<NonNullable<MediationCase['deadline']>['status'], string> = { on_track: 'default', at_risk: 'orange', overdue: 'red' };

/** The deadline while the mediation runs: its day and standing, in the engine's words. */
export function DeadlineTag({ deadline }: { deadline: MediationCase['deadline'] }) {
  if (!deadline) return null;
  return (
    <Tag color={STANDING_COLORS[deadline.status]} data-testid="case-deadline">
      期限 {deadline.dueOn} · {deadline.statusLabel}
    </Tag>
  );
}

/** A case's state, source and alarms as tags. */
export function CaseTags({ record }: { record: MediationCase }) {
  return (
    <Space size={4} wrap>
      <StateTag workflow={WORKFLOW} state={record.state} label={record.stateLabel} />
      <Tag>{record.sourceLabel}</Tag>
      {record.online && <Tag color="cyan">网上申请</Tag>}
      {record.massIncident && <Tag color="red">群体性</Tag>}
      <DeadlineTag deadline={record.deadline} />
    </Space>
  );
}
