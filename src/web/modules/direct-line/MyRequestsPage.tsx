import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { useRequests } from './hooks';
import { NewRequestModal } from './RequestForm';
import { LastMessage, RequestTags } from './shared';

const PAGE_SIZE = 10;

/** 我的诉求, on the phone: the worker's requests as cards (what awaits an answer first), and a new one. */
export function MyRequestsPage() {
  const navigate = useNavigate();
  const [params, update] = useUrlParams();
  const page = intParam(params, 'page') ?? 1;
  const requests = useRequests({ page, pageSize: PAGE_SIZE });
  const [creating, setCreating] = useState(false);
  const items = requests.data?.items ?? [];

  return (
    <Card
      title="我的诉求"
      size="small"
      style={{ maxWidth: 760 }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="request-new">
          提诉求
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">有工资、休息、安全、驿站等方面的问题，可以直接找会员代表或工会反映，答复和进度都在这里查看。</Typography.Paragraph>
      <ErrorAlert error={requests.error} />
      {requests.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description="您还没有提过诉求，点击「提诉求」向会员代表反映您的问题" />
      ) : (
        <Flex vertical gap={12} data-testid="request-cards">
          {items.map((r) => (
            <Card key={r.id} size="small" hoverable onClick={() => navigate(`/direct-line/${r.id}`)} data-testid="request-card">
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{r.subject}</Typography.Text>
                <RequestTags request={r} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0' }}>
                向 {r.addresseeName} 提出
              </Typography.Text>
              <LastMessage request={r} />
            </Card>
          ))}
          <Pagination simple size="small" align="center" current={page} pageSize={PAGE_SIZE} total={requests.data?.total ?? 0} onChange={(next) => update({ page: next === 1 ? null : next })} />
        </Flex>
      )}
      <NewRequestModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/direct-line/${id}`)} />
    </Card>
  );
}
