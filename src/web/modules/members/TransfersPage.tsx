import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Form, Input, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState, useMemo } from 'react';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { formatDateTime } from '../../lib/time';
import { useUrlParams } from '../../lib/useUrlParams';
import type { Transfer } from './api';
import { useBulkAct, useRequestTransfer, useTransfers } from './hooks';
import { BulkActions } from '../../components/BulkActions';
import { stopRowClick } from './shared';
import { MemberActions } from './WorkflowActions';
import { StateTag, stateOptions, useWorkflowStates, type WorkflowStates } from '../../components/StateTag';

const filters = (states: WorkflowStates | undefined): FilterField<'state'>[] => [{ kind: 'select', key: 'state', label: '状态', options: stateOptions(states) }];

const REQUESTED_BY: Record<Transfer['requestedBy'], string> = { member: '会员本人', source: '转出工会', target: '转入工会' };

const COLUMNS: TableColumnsType<Transfer> = [
  { key: 'name', title: '姓名', dataIndex: 'name', fixed: 'left' },
  { key: 'idMasked', title: '身份证号', dataIndex: 'idMasked' },
  { key: 'from', title: '转出工会', dataIndex: 'fromOrgName' },
  { key: 'to', title: '转入工会', dataIndex: 'toOrgName' },
  { key: 'requestedBy', title: '发起方', render: (_, t) => REQUESTED_BY[t.requestedBy] },
  { key: 'createdAt', title: '申请时间', dataIndex: 'createdAt', render: formatDateTime },
  { key: 'state', title: '状态', render: (_, t) => <StateTag workflow="transfer" state={t.state} label={t.stateLabel} /> },
  {
    key: 'actions',
    title: '办理',
    // Always in view, beside 详情, however wide the table scrolls.
    fixed: 'right',
    render: (_, t) => (
      <span onClick={stopRowClick}>
        <MemberActions target="transfer" id={t.id} actions={t.allowedActions} subject={t.name} size="small" />
      </span>
    ),
  },
];

function TransferDetail({ transfer: t, onDone }: { transfer: Transfer; onDone: () => void }) {
  return (
    <Flex vertical gap={16} data-testid="transfer-detail">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'state', label: '状态', children: <StateTag workflow="transfer" state={t.state} label={t.stateLabel} /> },
          { key: 'name', label: '姓名', children: t.name },
          { key: 'id', label: '身份证号', children: t.idMasked },
          { key: 'from', label: '转出工会', children: t.fromOrgName },
          { key: 'to', label: '转入工会', children: t.toOrgName },
          { key: 'by', label: '发起方', children: REQUESTED_BY[t.requestedBy] },
          { key: 'reason', label: '接转原因', children: t.reason ?? '—' },
          { key: 'createdAt', label: '申请时间', children: formatDateTime(t.createdAt) },
        ]}
      />
      <Typography.Text type="secondary">转出工会同意转出后，由转入工会接收；接收后原会籍终止、新会籍建立，会龄连续计算。</Typography.Text>
      <MemberActions target="transfer" id={t.id} actions={t.allowedActions} subject={t.name} onDone={onDone} />
    </Flex>
  );
}

interface ReceiveValues {
  residentId: string;
  toOrgId: number;
  reason?: string;
}

/** 接收新会员: the receiving union asks for a member of another union by ID number. */
function ReceiveModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const request = useRequestTransfer();
  return (
    <FormModal<ReceiveValues>
      open={open}
      title="接收新会员"
      okText="提交接转申请"
      onClose={onClose}
      onSubmit={async (values) => {
        await request.mutateAsync({ residentId: values.residentId.trim(), toOrgId: values.toOrgId, reason: values.reason?.trim() || undefined });
        message.success('已提交接转申请，待原工会同意转出');
      }}
    >
      <Typography.Paragraph type="secondary">
        新入职的职工已是其他工会的会员时，无需重新入会：输入其身份证号发起接转，原工会同意转出后即可接收，会龄连续计算。
      </Typography.Paragraph>
      <Form.Item name="residentId" label="身份证号" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }, { max: 30 }]}>
        <Input maxLength={30} autoComplete="off" data-testid="receive-resident-id" />
      </Form.Item>
      <Form.Item name="toOrgId" label="转入工会" rules={[{ required: true, message: '请选择转入工会' }]}>
        <OrgTreeSelect placeholder="选择本工会或下属基层工会" data-testid="receive-org" />
      </Form.Item>
      <Form.Item name="reason" label="接转原因" rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder="如：已入职本单位" />
      </Form.Item>
    </FormModal>
  );
}

/** 会员接转: transfers out of and into the user's unions, each handled as the server allows. */
export function TransfersPage() {
  const { can } = useAuth();
  const [urlParams, update] = useUrlParams();
  const direction = urlParams.get('direction') === 'in' ? 'in' : 'out';
  const states = useWorkflowStates('transfer').data;
  const list = useListParams(useMemo(() => filters(states), [states]));
  const transfers = useTransfers({ ...list.params, direction });
  const [receiving, setReceiving] = useState(false);
  const bulk = useBulkAct('transfer');

  return (
    <>
      <ListPage
        title="会员接转"
        list={list}
        query={transfers}
        columns={COLUMNS}
        rowKey={(t) => t.id}
        emptyText={direction === 'out' ? '没有转出的接转申请' : '没有转入的接转申请'}
        emptyHint={
          direction === 'out'
            ? '暂无转出申请。会员调动工作时，可在会员名册打开该会员发起接转，或由会员在手机上申请。'
            : '暂无转入申请。新入职的职工已是其他工会会员时，点击右上角「接收新会员」输入身份证号发起接转。'
        }
        tableId="transfers"
        phoneColumns={['name', 'from', 'to', 'state']}
        selection={{
          actions: (rows, report) => <BulkActions rows={rows} idOf={(t) => t.id} labelOf={(t) => t.name} actionsOf={(t) => t.allowedActions} run={bulk.mutateAsync} report={report} />,
        }}
        header={
          <Tabs
            activeKey={direction}
            onChange={(key) => update({ direction: key === 'in' ? 'in' : null, page: null })}
            items={[
              { key: 'out', label: <span data-testid="transfers-tab-out">转出</span> },
              { key: 'in', label: <span data-testid="transfers-tab-in">转入</span> },
            ]}
          />
        }
        extra={
          can('members.manage') && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setReceiving(true)} data-testid="transfer-receive">
              接收新会员
            </Button>
          )
        }
        detail={{
          title: (t) => `会员接转：${t.name}`,
          render: (t, close) => <TransferDetail transfer={t} onDone={close} />,
        }}
      />
      <ReceiveModal open={receiving} onClose={() => setReceiving(false)} />
    </>
  );
}
