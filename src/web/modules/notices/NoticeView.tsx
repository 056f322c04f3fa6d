import { Descriptions, Divider, Empty, Flex, Progress, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime } from '../../lib/time';
import type { NoticeReceipts } from './api';
import { useMarkRead, useNotice, useReceipts } from './hooks';

/** 已读回执, union by union: who read it (when) and who has not yet. */
function Receipts({ id }: { id: number }) {
  const receipts = useReceipts(id, true);
  if (receipts.isPending) return <PageLoading />;
  if (receipts.error) return <ErrorAlert error={receipts.error} />;
  const { items, recipients, readers } = receipts.data;
  if (recipients === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="下级工会还没有工会工作人员账号，可在「用户与角色」中添加" />;
  return (
    <>
      <Flex align="center" gap={12} style={{ marginBottom: 12 }} data-testid="notice-receipt-summary">
        <Typography.Text>
          已读 {readers} / 共 {recipients} 人
        </Typography.Text>
        <Progress percent={Math.round((readers / recipients) * 100)} size="small" style={{ width: 200, margin: 0 }} />
      </Flex>
      <Table<NoticeReceipts['items'][number]>
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={items}
        data-testid="notice-receipts"
        columns={[
          { key: 'org', title: '工会', dataIndex: 'orgName' },
          {
            key: 'read',
            title: '已读',
            render: (_, u) => (u.read.length === 0 ? '—' : u.read.map((r) => <Tag key={r.userId} color="green" title={formatDateTime(r.readAt)}>{r.displayName}</Tag>)),
          },
          { key: 'unread', title: '未读', render: (_, u) => (u.unread.length === 0 ? '—' : u.unread.map((r) => <Tag key={r.userId}>{r.displayName}</Tag>)) },
        ]}
      />
    </>
  );
}

/** A notice as its reader sees it; opening it records the read. The publisher also sees the receipts. */
export function NoticeView({ id }: { id: number }) {
  const notice = useNotice(id);
  const markRead = useMarkRead();
  const unread = notice.data?.read === false;
  const { mutate } = markRead;
  useEffect(() => {
    if (unread) mutate(id);
  }, [unread, id, mutate]);
  if (notice.isPending) return <PageLoading />;
  if (notice.error) return <ErrorAlert error={notice.error} />;
  const n = notice.data;
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'org', label: '发布单位', children: n.orgName },
          { key: 'date', label: '发布日期', children: n.publishOn },
          { key: 'author', label: '发布人', children: n.authorName },
        ]}
      />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }} data-testid="notice-body">
        {n.body}
      </Typography.Paragraph>
      {n.canSeeReceipts && (
        <>
          <Divider titlePlacement="start">已读回执</Divider>
          <Receipts id={id} />
        </>
      )}
    </>
  );
}
