import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, List, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import type { Comment, CommentOrder, TopicDetail } from './api';
import { useAddComment, useComments, useHideComment } from './hooks';

const PAGE_SIZE = 20;

function CommentBox({ topicId }: { topicId: number }) {
  const { message } = App.useApp();
  const add = useAddComment();
  const [body, setBody] = useState('');
  const send = async () => {
    try {
      await add.mutateAsync({ topicId, body });
      setBody('');
      message.success('评论已发表');
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Flex vertical gap={8}>
      <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={1000} showCount placeholder="说说您的想法和建议" data-testid="comment-input" />
      <Flex justify="end">
        <Button type="primary" onClick={send} loading={add.isPending} disabled={body.trim().length < 2} data-testid="comment-send">
          发表评论
        </Button>
      </Flex>
    </Flex>
  );
}

function CommentItem({ comment: c, onHide }: { comment: Comment; onHide: () => void }) {
  return (
    <List.Item style={{ display: 'block' }} data-testid="comment">
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>
          {c.authorName}
          {c.mine && <Typography.Text type="secondary">（我）</Typography.Text>}
        </Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(c.at)}</Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }} type={c.hidden ? 'secondary' : undefined}>
        {c.body}
      </Typography.Paragraph>
      {c.hidden && (
        <Alert type="warning" showIcon style={{ marginTop: 6 }} title={`已被${c.hidden.byName}隐藏，其他人看不到：${c.hidden.reason}`} data-testid="comment-hidden" />
      )}
      {c.canHide && (
        <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={onHide} style={{ paddingInline: 0 }}>
          隐藏
        </Button>
      )}
    </List.Item>
  );
}

/** A topic's comments, newest or oldest first, a page at a time; the box to write one while the topic is open. */
export function Comments({ topic }: { topic: TopicDetail }) {
  const [order, setOrder] = useState<CommentOrder>('newest');
  const [page, setPage] = useState(1);
  const comments = useComments(topic.id, { order, page, pageSize: PAGE_SIZE });
  const hide = useHideComment();
  const [hiding, setHiding] = useState<Comment | null>(null);
  const empty = topic.canComment ? '还没有评论，来说第一句吧' : '还没有评论';

  return (
    <Flex vertical gap={12} data-testid="comments">
      {topic.canComment && <CommentBox topicId={topic.id} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" data-testid="comment-count">
          {/* The topic's own count (the list's): the visible comments; those hidden are said apart, for whoever sees them. */}
          共 {comments.data ? comments.data.total - comments.data.hidden : topic.commentCount} 条评论
          {comments.data?.hidden ? `，另有 ${comments.data.hidden} 条已隐藏` : ''}
        </Typography.Text>
        <Segmented<CommentOrder>
          size="small"
          value={order}
          onChange={(value) => {
            setOrder(value);
            setPage(1);
          }}
          options={[
            { value: 'newest', label: '最新' },
            { value: 'oldest', label: '最早' },
          ]}
        />
      </Flex>
      <List<Comment>
        loading={comments.isFetching}
        dataSource={comments.data?.items}
        rowKey={(c) => c.id}
        renderItem={(c) => <CommentItem comment={c} onHide={() => setHiding(c)} />}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: comments.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage, size: 'small' }}
      />
      <FormModal<{ reason: string }>
        open={hiding !== null}
        title={`隐藏 ${hiding?.authorName ?? ''} 的评论`}
        okText="隐藏"
        onSubmit={({ reason }) => hide.mutateAsync({ topicId: topic.id, commentId: hiding!.id, reason })}
        onClose={() => setHiding(null)}
      >
        <Typography.Paragraph type="secondary">隐藏后只有作者本人和工会工作人员看得到，作者会收到通知和理由。</Typography.Paragraph>
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请写明隐藏的理由' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：含有他人联系方式" />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
