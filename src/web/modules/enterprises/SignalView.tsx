import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Divider, Flex, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryTimeline, type TimelineEntry } from '../../components/HistoryTimeline';
import { PageLoading } from '../../components/PageLoading';
import { StateTag } from '../../components/StateTag';
import { WorkflowActions } from '../../components/WorkflowActions';
import { formatDateTime } from '../../lib/time';
import { OpenCaseFromSignal } from '../mediation/EnterpriseLinks';
import { SignalFormModal } from './forms';
import { useActOnSignal, useSignal } from './hooks';
import { yuan } from '../../lib/money';
import { LevelTag, WORKFLOW } from './shared';

/** What a step of the signal's history says beyond its label: who follows it, how it was resolved, the case. */
function describe(entry: TimelineEntry): string[] {
  const payload = (entry.payload ?? {}) as { follower?: string; note?: string; resolution?: string; resolvedOn?: string; label?: string };
  return [
    payload.follower && `跟进人：${payload.follower}`,
    payload.note,
    payload.resolution && `${payload.resolvedOn ?? ''} ${payload.resolution}`.trim(),
    entry.action === 'open_case' && payload.label && `调解案件：${payload.label}`,
  ].filter((line): line is string => typeof line === 'string' && line.length > 0);
}

/** One signal: its facts, its handling and what the user may do next (the server's allowed actions). */
export function SignalView({ id }: { id: number }) {
  const query = useSignal(id);
  const act = useActOnSignal();
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <PageLoading />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const s = query.data;
  return (
    <Flex vertical gap={16} data-testid="signal-view">
      <Flex gap={8} align="center" wrap>
        <LevelTag level={s.level} label={s.levelLabel} />
        <StateTag workflow={WORKFLOW} state={s.state} label={s.stateLabel} />
        <Link to={`/enterprises/${s.enterpriseId}`}>{s.enterpriseName}</Link>
      </Flex>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="风险类型">{s.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="发现的情况">
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{s.description}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="涉及职工">{s.workersAffected} 人</Descriptions.Item>
        <Descriptions.Item label="涉及金额">{yuan(s.amountFen)}</Descriptions.Item>
        <Descriptions.Item label="信息来源">{s.sourceLabel}</Descriptions.Item>
        <Descriptions.Item label="发现日期">{s.reportedOn}</Descriptions.Item>
        <Descriptions.Item label="负责工会">{s.orgName}</Descriptions.Item>
        {s.follower && <Descriptions.Item label="跟进人">{s.follower}</Descriptions.Item>}
        {s.resolution && <Descriptions.Item label="化解情况">{`${s.resolvedOn ?? ''} ${s.resolution}`}</Descriptions.Item>}
        {s.caseId !== null && (
          <Descriptions.Item label="调解案件">
            <Link to={`/mediation/cases/${s.caseId}`} data-testid="signal-case">
              {s.caseLabel}
            </Link>
          </Descriptions.Item>
        )}
        {s.leadersNotifiedAt && <Descriptions.Item label="通知领导">{formatDateTime(s.leadersNotifiedAt)}</Descriptions.Item>}
      </Descriptions>
      <Flex gap={8} wrap>
        <WorkflowActions actions={s.allowedActions} subject={`${s.enterpriseName}的预警`} onAct={(action, input) => act.mutateAsync({ id: s.id, action, input })} />
        {s.caseable && <OpenCaseFromSignal signal={{ id: s.id, enterpriseName: s.enterpriseName, creditCode: s.creditCode, description: s.description }} />}
        {s.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="signal-edit">
            修改预警
          </Button>
        )}
      </Flex>
      <Divider titlePlacement="start" plain>
        处置记录
      </Divider>
      <HistoryTimeline entries={s.timeline} describe={describe} testId="signal-history" />
      <SignalFormModal enterpriseId={s.enterpriseId} signal={s} open={editing} onClose={() => setEditing(false)} />
    </Flex>
  );
}
