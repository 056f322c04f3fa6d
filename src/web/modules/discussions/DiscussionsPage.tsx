import { CommentOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, Input, List, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type FilterField, useListParams } from '../../components/ListPage';
import type { Topic, TopicFilterKey } from './api';
import { useTopics } from './hooks';
import { periodOf, STATUS_OPTIONS, TopicTags } from './shared';
import { NewTopicModal } from './TopicForm';

const FILTERS: FilterField<TopicFilterKey>[] = [
  { kind: 'text', key: 'q', label: '关键词' },
  { kind: 'select', key: 'status', label: '状态', options: STATUS_OPTIONS },
];

function TopicItem({ topic }: { topic: Topic }) {
  return (
    <List.Item style={{ display: 'block' }} data-testid="topic-item">
      <Link to={`/discussions/${topic.id}`} style={{ color: 'inherit', display: 'block' }}>
        <Flex vertical gap={6}>
          <TopicTags topic={topic} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {topic.title}
          </Typography.Text>
          <Flex wrap gap="4px 16px">
            <Typography.Text type="secondary">{periodOf(topic)}</Typography.Text>
            <Typography.Text type="secondary">发起：{topic.openerName}</Typography.Text>
            <Typography.Text type="secondary">
              <CommentOutlined /> {topic.commentCount} 条评论
            </Typography.Text>
          </Flex>
        </Flex>
      </Link>
    </List.Item>
  );
}

/**
 * 职工事大家议: the topics the user may read or take part in, open first. A list of cards rather than a
 * table: workers read it on a phone, and a topic reads like a notice on the union's board.
 */
export function DiscussionsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const topics = useTopics(list.params);
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(list.params.q || list.params.status);
  const empty = filtered
    ? '没有符合条件的议题，换个关键词或状态试试'
    : can('discussions.open')
      ? '还没有议题，点击「发起议题」听听职工的意见'
      : '工会还没有发起议题，发起后会在这里显示';

  return (
    <Card
      title="职工事大家议"
      extra={
        can('discussions.open') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="topic-new">
            发起议题
          </Button>
        )
      }
    >
      <Form key={list.filterSignature} layout="inline" initialValues={list.formValues} onFinish={list.search} style={{ rowGap: 12, marginBottom: 8 }}>
        <Form.Item name="q" style={{ flex: '1 1 200px', maxWidth: 320 }}>
          <Input allowClear placeholder="搜索议题标题和内容" data-testid="filter-q" />
        </Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder="全部状态" options={STATUS_OPTIONS} style={{ width: 120 }} data-testid="filter-status" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="list-search">
            查询
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={topics.error} />
      <List<Topic>
        loading={topics.isFetching}
        dataSource={topics.data?.items}
        rowKey={(t) => t.id}
        renderItem={(topic) => <TopicItem topic={topic} />}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: topics.data?.total ?? 0,
          showTotal: (total) => `共 ${total} 个议题`,
          hideOnSinglePage: true,
          onChange: list.setPage,
        }}
      />
      {can('discussions.open') && <NewTopicModal open={creating} onClose={() => setCreating(false)} onOpened={(id) => navigate(`/discussions/${id}`)} />}
    </Card>
  );
}
