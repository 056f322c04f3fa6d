import { Descriptions, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import type { OutboxMessage } from './api';
import { useOutbox, useOutboxCodes, useRetryMessage } from './hooks';

const STATUS_COLORS: Record<OutboxMessage['status'], string> = { queued: 'blue', sent: 'green', failed: 'red' };
/** 未送达 is shown as a failure is: the message did not reach the phone. */
const DELIVERY_COLORS: Record<NonNullable<OutboxMessage['delivery']>, string> = { delivered: 'green', undelivered: 'red' };

type Codes = { code: string; label: string }[];
type FilterKey = 'status' | 'delivery' | 'template' | 'phone' | 'from' | 'to';
/** The statuses', receipts' and templates' labels come from the server (GET /api/sms/outbox/codes). */
const filtersOf = (codes: { statuses: Codes; deliveries: Codes; templates: Codes } | undefined): FilterField<FilterKey>[] => [
  { kind: 'select', key: 'status', label: '状态', options: (codes?.statuses ?? []).map((c) => ({ value: c.code, label: c.label })) },
  { kind: 'select', key: 'delivery', label: '回执', options: (codes?.deliveries ?? []).map((c) => ({ value: c.code, label: c.label })) },
  { kind: 'select', key: 'template', label: '类型', options: (codes?.templates ?? []).map((c) => ({ value: c.code, label: c.label })), width: 160 },
  { kind: 'text', key: 'phone', label: '手机号', placeholder: '完整手机号' },
  { kind: 'dateRange', keys: ['from', 'to'], label: '日期' },
];

/** 已发送, 待发送, or 发送失败 with what happens next; once the provider's receipt came, 已送达 or 未送达 with its code. */
function StatusCell({ message }: { message: OutboxMessage }) {
  if (message.delivery) {
    return (
      <>
        <Tag color={DELIVERY_COLORS[message.delivery]} data-testid={`sms-delivery-${message.id}`}>
          {message.deliveryLabel}
        </Tag>
        {message.delivery === 'undelivered' && message.deliveryCodeText && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {message.deliveryCodeText}
          </Typography.Text>
        )}
      </>
    );
  }
  return (
    <>
      <Tag color={STATUS_COLORS[message.status]}>{message.statusLabel}</Tag>
      {message.status === 'failed' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {message.nextAttemptAt ? `将于 ${formatDateTime(message.nextAttemptAt)} 重试` : '已停止重试'}
        </Typography.Text>
      )}
    </>
  );
}

function RetryButton({ message }: { message: OutboxMessage }) {
  const retry = useRetryMessage();
  if (message.status !== 'failed') return null;
  return (
    <ConfirmButton
      type="link"
      size="small"
      title={`重新发送这条短信至 ${message.phone}？`}
      description="短信将在几秒内交给短信服务商再发一次。"
      successMessage="已重新排队发送"
      onConfirm={() => retry.mutateAsync(message.id)}
      data-testid={`sms-retry-${message.id}`}
    >
      重新发送
    </ConfirmButton>
  );
}

const COLUMNS: TableColumnsType<OutboxMessage> = [
  { key: 'createdAt', title: '时间', dataIndex: 'createdAt', render: formatDateTime, width: 150 },
  { key: 'template', title: '类型', dataIndex: 'templateLabel', width: 140 },
  { key: 'phone', title: '手机号', dataIndex: 'phone', width: 120 },
  { key: 'status', title: '状态', render: (_, m) => <StatusCell message={m} />, width: 220 },
  { key: 'attempts', title: '尝试次数', dataIndex: 'attempts', width: 90 },
  { key: 'error', title: '失败原因', dataIndex: 'error', width: 260, render: (error: string | null) => error ?? '—' },
  { key: 'retry', title: '重发', width: 100, render: (_, m) => <RetryButton message={m} /> },
];

/** 短信发件箱: every message the product sent or tries to send, with its delivery status. */
export function OutboxPage() {
  const codes = useOutboxCodes();
  const filters = useMemo(() => filtersOf(codes.data), [codes.data]);
  const list = useListParams(filters);
  const outbox = useOutbox(list.params);
  return (
    <ListPage
      tableId="sms-outbox"
      title="短信发件箱"
      list={list}
      query={outbox}
      columns={COLUMNS}
      rowKey={(m) => m.id}
      emptyText="还没有短信。入会申请的审核结果、会员接转的进度和验证码会在这里列出。"
      detail={{
        title: (m) => `${m.templateLabel} · ${m.phone}`,
        render: (m) => (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'createdAt', label: '创建时间', children: formatDateTime(m.createdAt) },
              { key: 'template', label: '类型', children: m.templateLabel },
              { key: 'phone', label: '手机号', children: m.phone },
              { key: 'text', label: '短信内容', children: m.text ?? '—' },
              { key: 'status', label: '状态', children: <StatusCell message={m} /> },
              { key: 'attempts', label: '尝试次数', children: m.attempts },
              { key: 'provider', label: '服务商', children: m.providerLabel ?? '—' },
              { key: 'providerMessageId', label: '回执编号', children: m.providerMessageId ?? '—' },
              { key: 'sentAt', label: '发送时间', children: m.sentAt ? formatDateTime(m.sentAt) : '—' },
              { key: 'delivery', label: '回执', children: m.deliveryLabel ?? (m.status === 'sent' ? '未收到回执' : '—') },
              { key: 'deliveryAt', label: '回执时间', children: m.deliveryAt ? formatDateTime(m.deliveryAt) : '—' },
              { key: 'deliveryCode', label: '回执状态码', children: m.deliveryCodeText ?? '—' },
              { key: 'error', label: '失败原因', children: m.error ?? '—' },
              ...(m.status === 'failed' ? [{ key: 'retry', label: '操作', children: <RetryButton message={m} /> }] : []),
            ]}
          />
        ),
      }}
    />
  );
}
