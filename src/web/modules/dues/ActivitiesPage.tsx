import { PlusOutlined, QrcodeOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Flex, Form, Image, Input, Modal, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DATE_FORMAT, formatDateTime, today } from '../../lib/time';
import type { Activity } from './api';
import { useActivities, useActivity, useAddAttendance, useCheckInCode, useCreateActivity } from './hooks';
import { MemberPicker } from './shared';

/** The phone page a check-in QR opens (the worker signs in first if needed). */
export const checkInUrl = (token: string) => `${window.location.origin}/check-in?t=${encodeURIComponent(token)}`;

function CheckInQr({ activity }: { activity: Activity }) {
  const code = useCheckInCode(activity.id, true);
  const [image, setImage] = useState<string>();
  useEffect(() => {
    if (!code.data) return;
    let live = true;
    // Loaded on first use, as the join QR.
    void import('qrcode').then(({ default: QRCode }) => QRCode.toDataURL(checkInUrl(code.data.token), { width: 360, margin: 1 })).then((url) => live && setImage(url));
    return () => {
      live = false;
    };
  }, [code.data]);
  if (code.error) return <ErrorAlert error={code.error} />;
  if (!image || !code.data) return <Spin />;
  return (
    <Flex vertical align="center" gap={8} data-testid="check-in-qr">
      <Typography.Title level={4}>{activity.title}</Typography.Title>
      <Image src={image} preview={false} width={360} alt="签到二维码" />
      <Typography.Text type="secondary">会员用手机登录后扫码签到。二维码每 5 分钟自动更新，截图转发 10 分钟后失效（{formatDateTime(code.data.expiresAt as string)} 前有效）。</Typography.Text>
    </Flex>
  );
}

function ActivityDetailView({ activity }: { activity: Activity }) {
  const { can } = useAuth();
  const detail = useActivity(activity.id);
  const add = useAddAttendance();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [qr, setQr] = useState(false);
  const day = today().format(DATE_FORMAT);
  const held = activity.heldOn <= day;
  return (
    <Flex vertical gap={16}>
      <Descriptions column={1} items={[
        { key: 'org', label: '工会', children: activity.orgName },
        { key: 'date', label: '日期', children: activity.heldOn },
        { key: 'place', label: '地点', children: activity.place },
      ]} />
      {can('dues.manage') && (
        <Flex gap={8}>
          <Button icon={<UserAddOutlined />} disabled={!held} onClick={() => setAdding(true)} data-testid="attendance-add">登记参加人员</Button>
          <Button icon={<QrcodeOutlined />} disabled={activity.heldOn !== day} onClick={() => setQr(true)} data-testid="check-in-show">签到二维码</Button>
        </Flex>
      )}
      {!held && <Alert type="info" showIcon title="活动举行当天可出示签到二维码，举行后可登记参加人员。" />}
      <ErrorAlert error={detail.error} />
      <Table
        size="small"
        rowKey="membershipId"
        loading={detail.isFetching}
        dataSource={detail.data?.attendance}
        locale={{ emptyText: '还没有参加人员：活动当天请会员扫码签到，或由工作人员登记' }}
        pagination={false}
        columns={[
          { key: 'name', title: '姓名', dataIndex: 'name' },
          { key: 'cardNo', title: '会员证号', dataIndex: 'cardNo' },
          { key: 'way', title: '方式', dataIndex: 'wayLabel' },
          { key: 'at', title: '时间', render: (_, a) => formatDateTime(a.at as string) },
        ]}
      />
      <FormModal<{ membershipIds: number[] }>
        open={adding}
        title="登记参加人员"
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          const result = await add.mutateAsync({ id: activity.id, membershipIds: v.membershipIds });
          message.success(`已登记 ${result.added} 人`);
        }}
      >
        <Form.Item name="membershipIds" label="参加人员" rules={[{ required: true, message: '请选择参加人员' }]}>
          <MemberPicker orgId={activity.orgId} multiple />
        </Form.Item>
      </FormModal>
      <Modal open={qr} footer={null} width={480} onCancel={() => setQr(false)} destroyOnHidden>
        <CheckInQr activity={activity} />
      </Modal>
    </Flex>
  );
}

const FILTERS: FilterField<'orgId'>[] = [{ kind: 'org', key: 'orgId', label: '工会' }];

/** 组织生活: a union's activities and who took part — with dues, the evidence for deemed withdrawal. */
export function ActivitiesPage() {
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const activities = useActivities(list.params);
  const create = useCreateActivity();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <ListPage
        tableId="activities"
        title="组织生活"
        list={list}
        query={activities}
        rowKey={(a) => a.id}
        emptyText="还没有活动：点击「新建活动」登记工会组织的会议、培训、走访等活动"
        columns={[
          { key: 'title', title: '活动', dataIndex: 'title', fixed: 'left' },
          { key: 'org', title: '工会', dataIndex: 'orgName' },
          { key: 'heldOn', title: '日期', dataIndex: 'heldOn' },
          { key: 'place', title: '地点', dataIndex: 'place' },
          { key: 'attendees', title: '参加人数', dataIndex: 'attendees', align: 'right' },
        ]}
        extra={can('dues.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建活动</Button>}
        detail={{ width: 640, title: (a) => a.title, render: (a) => <ActivityDetailView activity={a} /> }}
      />
      <FormModal<{ orgId: number; title: string; heldOn: Dayjs; place: string }>
        open={creating}
        title="新建活动"
        onClose={() => setCreating(false)}
        onSubmit={(v) => create.mutateAsync({ ...v, heldOn: v.heldOn.format(DATE_FORMAT) })}
      >
        <Form.Item name="orgId" label="工会" rules={[{ required: true, message: '请选择工会' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} placeholder="如：骑手安全骑行培训" />
        </Form.Item>
        <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </>
  );
}
