import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Popconfirm, Progress, Radio, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import type { Poll } from './api';
import { useVote } from './hooks';
import { shortDay, StatusTag } from './shared';

const percent = (share: number) => Math.round(share * 1000) / 10;

function Ballot({ topicId, poll }: { topicId: number; poll: Poll }) {
  const { message } = App.useApp();
  const vote = useVote();
  const [chosen, setChosen] = useState<number[]>([]);
  const single = poll.maxChoices === 1;
  const options = poll.options.map((o) => ({ value: o.id, label: o.label }));
  const submit = async () => {
    try {
      await vote.mutateAsync({ topicId, pollId: poll.id, optionIds: chosen });
      message.success('投票成功，谢谢参与');
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Flex vertical gap={12}>
      {single ? (
        <Radio.Group value={chosen[0]} onChange={(e) => setChosen([e.target.value as number])} options={options} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
      ) : (
        <Checkbox.Group
          value={chosen}
          onChange={(values) => setChosen(values)}
          options={options.map((o) => ({ ...o, disabled: chosen.length >= poll.maxChoices && !chosen.includes(o.value) }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      )}
      <Popconfirm title="投票后不能更改，确定提交吗？" okText="提交" cancelText="再想想" onConfirm={submit} disabled={chosen.length === 0}>
        <Button type="primary" disabled={chosen.length === 0} loading={vote.isPending} block data-testid="poll-vote">
          投票
        </Button>
      </Popconfirm>
    </Flex>
  );
}

function Results({ poll }: { poll: Poll }) {
  return (
    <Flex vertical gap={10} data-testid="poll-results">
      {poll.options.map((o) => {
        const mine = poll.myChoice?.includes(o.id);
        return (
          <div key={o.id} data-testid="poll-result">
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong={mine}>
                {o.label}
                {mine && (
                  <Typography.Text type="success" style={{ marginInlineStart: 6, whiteSpace: 'nowrap' }}>
                    <CheckCircleFilled /> 我的选择
                  </Typography.Text>
                )}
              </Typography.Text>
              {o.votes !== null && <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{`${o.votes} 票`}</Typography.Text>}
            </Flex>
            {o.share !== null && <Progress percent={percent(o.share)} size="small" status="normal" />}
          </div>
        );
      })}
    </Flex>
  );
}

/** One poll: the ballot while the user may vote, else the results as far as they may see them. */
export function PollCard({ topicId, poll }: { topicId: number; poll: Poll }) {
  const kind = poll.maxChoices === 1 ? '单选' : `多选，最多 ${poll.maxChoices} 项`;
  return (
    <Card size="small" title={<Typography.Text style={{ whiteSpace: 'normal' }}>{poll.question}</Typography.Text>} extra={<StatusTag status={poll.status} label={poll.statusLabel} />} data-testid="poll">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {kind} · {shortDay(poll.opensOn)}至{shortDay(poll.closesOn)} · 已有 <span data-testid="poll-voters">{poll.voters}</span> 人投票
        </Typography.Text>
        {poll.canVote ? (
          <Ballot topicId={topicId} poll={poll} />
        ) : (
          <>
            {!poll.resultsVisible && (
              <Alert type="info" showIcon title={`${poll.myChoice ? '您已投票。' : ''}投票结果将在 ${shortDay(poll.closesOn)} 截止后公布`} data-testid="poll-hidden" />
            )}
            {poll.resultsVisible && poll.resultsHiddenFromVoters && <Alert type="warning" showIcon title="截止前投票人看不到结果，这里只对发起人和工会工作人员显示" />}
            {poll.status === 'upcoming' && <Alert type="info" showIcon title={`${shortDay(poll.opensOn)}开始投票`} />}
            <Results poll={poll} />
          </>
        )}
      </Flex>
    </Card>
  );
}
