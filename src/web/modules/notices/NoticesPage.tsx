import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth, useMe } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import type { Dayjs } from 'dayjs';
import { DATE_FORMAT } from '../../lib/time';
import type { NoticeListItem } from './api';
import { useNotices, usePublishNotice } from './hooks';
import { NoticeView } from './NoticeView';

/** The roles that may publish (server: notices/module.ts). */
const PUBLISHERS = ['union_staff', 'admin'];

function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const publish = usePublishNotice();
  const orgs = [...new Map(me.grants.filter((g) => PUBLISHERS.includes(g.role)).map((g) => [g.orgId, { value: g.orgId, label: g.orgName }])).values()];
  return (
    <FormModal<{ orgId: number; title: string; body: string; publishOn?: Dayjs }>
      open={open}
      title="发布通知公告"
      okText="发布"
      width={640}
      initialValues={{ orgId: orgs[0]?.value }}
      onClose={onClose}
      onSubmit={async ({ publishOn, ...values }) => {
        await publish.mutateAsync({ ...values, publishOn: publishOn?.format(DATE_FORMAT) });
        void message.success('已发布，下级工会的工作人员将在首页看到未读提醒');
      }}
    >
      <Form.Item name="orgId" label="发布单位" rules={[{ required: true, message: '请选择发布单位' }]} extra="通知发给该单位及其全部下级工会的工作人员">
        <Select options={orgs} data-testid="notice-org" />
      </Form.Item>
      <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
        <Input maxLength={100} showCount data-testid="notice-title" />
      </Form.Item>
      <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
        <Input.TextArea rows={8} maxLength={10000} data-testid="notice-body-input" />
      </Form.Item>
      <Form.Item name="publishOn" label="发布日期" extra="不填为今天；填以后的日期，到那天下级才能看到">
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}

const COLUMNS: TableColumnsType<NoticeListItem> = [
  {
    key: 'title',
    title: '标题',
    dataIndex: 'title',
    render: (title: string, n) => (
      <>
        {!n.read && n.recipients === null && <Tag color="red">未读</Tag>}
        {title}
      </>
    ),
  },
  { key: 'orgName', title: '发布单位', dataIndex: 'orgName' },
  { key: 'publishOn', title: '发布日期', dataIndex: 'publishOn', width: 120 },
  { key: 'readers', title: '已读', render: (_, n) => (n.recipients === null ? null : `${n.readers} / ${n.recipients}`), width: 100 },
];

/** 通知公告: the notices one receives from one's union and those above, and (for publishers) those published. */
export function NoticesPage() {
  const { can } = useAuth();
  const publisher = can('notices.publish');
  const filters: FilterField<'box' | 'q' | 'unread'>[] = [
    ...(publisher
      ? [
          {
            kind: 'select' as const,
            key: 'box' as const,
            label: '范围',
            defaultValue: 'inbox',
            options: [
              { value: 'inbox', label: '收到的通知' },
              { value: 'sent', label: '本级及下级发布的' },
            ],
          },
        ]
      : []),
    { kind: 'text', key: 'q', label: '标题' },
    { kind: 'checkbox', key: 'unread', label: '只看未读' },
  ];
  const list = useListParams(filters);
  const notices = useNotices(list.params);
  const [publishing, setPublishing] = useState(false);
  return (
    <>
      <ListPage
        tableId="notices"
        title="通知公告"
        list={list}
        query={notices}
        columns={COLUMNS}
        rowKey={(n) => n.id}
        emptyText={list.params.box === 'sent' ? '还没有发布通知，点击「发布通知」向下级工会发送' : '暂无通知，上级工会发布的通知会显示在这里'}
        extra={
          publisher && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)} data-testid="notice-publish">
              发布通知
            </Button>
          )
        }
        detail={{ title: (n) => n.title, render: (n) => <NoticeView id={n.id} />, width: 720 }}
      />
      <PublishModal open={publishing} onClose={() => setPublishing(false)} />
    </>
  );
}
