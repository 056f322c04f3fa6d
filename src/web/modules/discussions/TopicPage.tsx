import { ArrowLeftOutlined, PushpinOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Flex, Grid, Result, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/time';
import type { TopicDetail } from './api';
import { Comments } from './Comments';
import { useCloseTopic, usePinTopic, useTopic } from './hooks';
import { PollCard } from './PollCard';
import { periodOf, TopicTags } from './shared';

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section>
      <Divider titlePlacement="start" style={{ margin: '8px 0 12px' }}>
        {title}
      </Divider>
      {children}
    </section>
  );
}

function Organise({ topic }: { topic: TopicDetail }) {
  const close = useCloseTopic();
  const pin = usePinTopic();
  if (!topic.canClose && !topic.canModerate) return null;
  return (
    <Space wrap>
      {topic.canModerate && (
        <Button icon={<PushpinOutlined />} loading={pin.isPending} onClick={() => pin.mutate({ id: topic.id, pinned: !topic.pinned })}>
          {topic.pinned ? '取消置顶' : '置顶'}
        </Button>
      )}
      {topic.canClose && (
        <ConfirmButton
          danger
          icon={<StopOutlined />}
          title="提前结束这个议题？"
          description="结束后不能再评论和投票，截止后公布的投票结果随即公布。"
          okText="结束"
          successMessage="议题已结束"
          onConfirm={() => close.mutateAsync(topic.id)}
          data-testid="topic-close"
        >
          提前结束
        </ConfirmButton>
      )}
    </Space>
  );
}

/** A topic on its own page: its text, its polls (vote, then the results), its comments. Phone first: one column. */
export function TopicPage() {
  const wide = Grid.useBreakpoint().md ?? true;
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useTopic(valid ? id : null);
  if (!valid) return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
  const topic = query.data;

  return (
    <Card
      title="议题详情"
      extra={
        <Link to="/discussions">
          <ArrowLeftOutlined /> 返回{wide ? '职工事大家议' : ''}
        </Link>
      }
      size={wide ? 'default' : 'small'}
      style={{ maxWidth: 880 }}
    >
      <ErrorAlert error={query.error} />
      {!topic ? (
        query.isLoading && <Spin />
      ) : (
        <Flex vertical gap={12} data-testid="topic">
          <TopicTags topic={topic} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="topic-title">
            {topic.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {periodOf(topic)} · {topic.openerName}发起
            {topic.closedAt && ` · ${topic.closedByName ?? ''}于 ${formatDateTime(topic.closedAt)} 提前结束`}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{topic.body}</Typography.Paragraph>
          <Organise topic={topic} />
          {topic.polls.length > 0 && (
            <Section title="投票">
              <Flex vertical gap={12}>
                {topic.polls.map((poll) => (
                  <PollCard key={poll.id} topicId={topic.id} poll={poll} />
                ))}
              </Flex>
            </Section>
          )}
          <Section title="评论">
            <Comments topic={topic} />
          </Section>
        </Flex>
      )}
    </Card>
  );
}
