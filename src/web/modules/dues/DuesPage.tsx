import { CheckSquareOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Descriptions, Flex, Form, InputNumber, Modal, Row, Segmented, Select, Space, Statistic, Table, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useTableWidth } from '../../components/ResponsiveTable';
import { useFormErrors } from '../../lib/forms';
import { yuan } from '../../lib/money';
import { type DuesImport, type DuesImportLine, type DuesRow } from './api';
import { useCommitImport, useDues, useImportLines, useMarkPaid, useRecordDues, useUploadPayroll } from './hooks';
import { MemberPicker, recentMonths } from './shared';

const STATUS_COLOR: Record<string, string> = { paid: 'green', unpaid: 'red', exempt: 'blue' };
const STATUS_OPTIONS = [
  { value: 'paid', label: '已缴' },
  { value: 'unpaid', label: '未缴' },
  { value: 'exempt', label: '免缴' },
];

const COLUMNS: TableColumnsType<DuesRow> = [
  { key: 'name', title: '姓名', dataIndex: 'name', fixed: 'left' },
  { key: 'cardNo', title: '会员证号', dataIndex: 'cardNo' },
  { key: 'orgName', title: '所在工会', dataIndex: 'orgName' },
  { key: 'month', title: '月份', render: (_, r) => r.month.slice(0, 7) },
  { key: 'wage', title: '应发工资', align: 'right', render: (_, r) => yuan(r.wageFen) },
  { key: 'amount', title: '会费', align: 'right', render: (_, r) => yuan(r.amountFen) },
  { key: 'status', title: '状态', render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.exemptionLabel ? `${r.statusLabel}（${r.exemptionLabel}）` : r.statusLabel}</Tag> },
  { key: 'source', title: '来源', dataIndex: 'sourceLabel' },
];

interface RecordValues {
  orgId: number;
  membershipId: number;
  month: string;
  wageYuan?: number | null;
  paid: boolean;
}

function RecordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const record = useRecordDues();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<number>();
  return (
    <FormModal<RecordValues>
      open={open}
      title="登记会费"
      onClose={onClose}
      initialValues={{ month: recentMonths()[1].value, paid: true }}
      onSubmit={async (v) => {
        const result = await record.mutateAsync({ orgId: v.orgId, membershipId: v.membershipId, month: v.month, wageFen: v.wageYuan == null ? null : Math.round(v.wageYuan * 100), paid: v.paid });
        message.success(`已登记，会费 ${yuan(result.amountFen)}`);
      }}
    >
      <Form.Item name="orgId" label="工会" rules={[{ required: true, message: '请选择工会' }]}>
        <OrgTreeSelect onChange={(v) => setOrgId(v as number)} />
      </Form.Item>
      <Form.Item name="membershipId" label="会员" rules={[{ required: true, message: '请选择会员' }]}>
        <MemberPicker orgId={orgId} />
      </Form.Item>
      <Form.Item name="month" label="月份" rules={[{ required: true }]}>
        <Select options={recentMonths()} />
      </Form.Item>
      <Form.Item name="wageYuan" label="应发工资（元）" extra="按会费标准计算会费（默认为工资收入的 0.5%）；不填则金额待定">
        <InputNumber min={0} precision={2} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="paid" valuePropName="checked">
        <Checkbox>已缴纳（不勾选则记为未缴）</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

function MarkPaidModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const markPaid = useMarkPaid();
  const { message } = App.useApp();
  return (
    <FormModal<{ orgId: number; month: string }>
      open={open}
      title="单位代缴：整月标记已缴"
      okText="标记已缴"
      onClose={onClose}
      initialValues={{ month: recentMonths()[1].value }}
      onSubmit={async (v) => {
        const result = await markPaid.mutateAsync(v);
        message.success(`已标记 ${result.paid} 人已缴，${result.exempt} 人免缴`);
      }}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="所选工会（含下级工会）全部在册会员该月会费将记为「已缴」，已登记为未缴的也改为已缴；免缴会员保持免缴。" />
      <Form.Item name="orgId" label="工会" rules={[{ required: true, message: '请选择工会' }]}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="month" label="月份" rules={[{ required: true }]}>
        <Select options={recentMonths()} />
      </Form.Item>
    </FormModal>
  );
}

const LINE_COLUMNS: TableColumnsType<DuesImportLine> = [
  { key: 'line', title: '行号', dataIndex: 'line', width: 72 },
  {
    key: 'issues',
    title: '问题',
    render: (_, l) => (l.issues.length ? l.issues.map((i) => <Typography.Text key={i.field + i.reason} type="danger" style={{ display: 'block' }}>{i.reason}</Typography.Text>) : <Tag color="green">可导入</Tag>),
  },
  { key: 'name', title: '姓名', dataIndex: 'name' },
  { key: 'cardNo', title: '会员证号', dataIndex: 'cardNo', render: (v: string | null) => v ?? '—' },
  { key: 'month', title: '月份', render: (_, l) => l.month?.slice(0, 7) ?? '—' },
  { key: 'wage', title: '应发工资', align: 'right', render: (_, l) => yuan(l.wageFen) },
  { key: 'amount', title: '会费', align: 'right', render: (_, l) => (l.statusLabel === '免缴' ? `免缴（${l.exemptionLabel}）` : yuan(l.amountFen)) },
];

function Preview({ imp, onDone }: { imp: DuesImport; onDone: () => void }) {
  const tableWidth = useTableWidth();
  const [problemsOnly, setProblemsOnly] = useState(imp.rejected > 0);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const lines = useImportLines(imp.id, { ...page, problemsOnly });
  const commit = useCommitImport();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={12} data-testid="dues-preview">
      <Descriptions size="small" column={3} items={[
        { key: 'file', label: '文件', children: imp.fileName },
        { key: 'org', label: '工会', children: imp.orgName },
        { key: 'lines', label: '数据行', children: `${imp.lines} 行，其中 ${imp.rejected} 行有问题` },
      ]} />
      {imp.rejected > 0 ? (
        <Alert type="error" showIcon title={`有 ${imp.rejected} 行有问题，请按原因修改工资表后重新上传。导入要么全部成功，要么一行都不导入。`} data-testid="dues-preview-problems" />
      ) : (
        <Alert type="success" showIcon title={`${imp.lines} 行均可导入，确认后记为已缴（免缴会员记为免缴）。`} />
      )}
      <Segmented value={problemsOnly ? 'problems' : 'all'} onChange={(v) => { setProblemsOnly(v === 'problems'); setPage((p) => ({ ...p, page: 1 })); }} options={[{ value: 'all', label: `全部 ${imp.lines}` }, { value: 'problems', label: `有问题 ${imp.rejected}` }]} />
      <ErrorAlert error={lines.error ?? commit.error} />
      <Table<DuesImportLine>
        size="small"
        rowKey="line"
        columns={LINE_COLUMNS}
        dataSource={lines.data?.items}
        loading={lines.isFetching}
        {...tableWidth}
        data-testid="dues-preview-lines"
        pagination={{ current: page.page, pageSize: page.pageSize, total: lines.data?.total ?? 0, showTotal: (t) => `共 ${t} 行` }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
      />
      <Space>
        <Button
          type="primary"
          disabled={imp.rejected > 0 || imp.state !== 'ready'}
          loading={commit.isPending}
          data-testid="dues-commit"
          onClick={async () => {
            const done = await commit.mutateAsync(imp.id);
            message.success(`已导入 ${done.lines} 条会费记录`);
            onDone();
          }}
        >
          确认导入
        </Button>
      </Space>
    </Flex>
  );
}

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ orgId: number; month: string }>();
  const errors = useFormErrors(form);
  const upload = useUploadPayroll();
  const [file, setFile] = useState<File | null>(null);
  const [imp, setImp] = useState<DuesImport | null>(null);
  const close = () => {
    setImp(null);
    setFile(null);
    onClose();
  };
  return (
    <Modal open={open} title="导入工资表" width={960} footer={null} onCancel={close} destroyOnHidden>
      {imp ? (
        <Preview imp={imp} onDone={close} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ month: recentMonths()[1].value }}
          onFinish={async (v) => {
            errors.clear();
            if (!file) return errors.report(new Error('请选择工资表文件'));
            try {
              setImp(await upload.mutateAsync({ ...v, file }));
            } catch (error) {
              errors.report(error);
            }
          }}
        >
          <Typography.Paragraph type="secondary">
            工资表（.xlsx 或 .csv）须有「姓名」「应发工资」两列，以及「身份证号」或「会员证号」；可有「月份」列，没有时按下面所选月份。会费按会费标准由工资计算。
          </Typography.Paragraph>
          <ErrorAlert error={errors.error} />
          <Form.Item name="orgId" label="工会" rules={[{ required: true, message: '请选择工会' }]}>
            <OrgTreeSelect placeholder="选择工会" data-testid="dues-import-org" />
          </Form.Item>
          <Form.Item name="month" label="月份" rules={[{ required: true }]}>
            <Select options={recentMonths()} data-testid="dues-import-month" />
          </Form.Item>
          <Form.Item label="文件" required>
            <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => (setFile(f), false)} onRemove={() => setFile(null)}>
              <Button icon={<UploadOutlined />} data-testid="dues-file">选择文件</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="dues-upload">
            上传并预览
          </Button>
        </Form>
      )}
    </Modal>
  );
}

const FILTERS: FilterField<'orgId' | 'month' | 'status' | 'q'>[] = [
  { kind: 'org', key: 'orgId', label: '工会' },
  { kind: 'select', key: 'month', label: '月份', options: recentMonths(), width: 130 },
  { kind: 'select', key: 'status', label: '状态', options: STATUS_OPTIONS },
  { kind: 'text', key: 'q', label: '会员', placeholder: '姓名或会员证号' },
];

/** 会费: records per union and month, entered by staff, imported from a payroll, or marked paid by the employer. */
export function DuesPage() {
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const dues = useDues(list.params);
  const [open, setOpen] = useState<'record' | 'markPaid' | 'import' | null>(null);
  const figures = dues.data?.figures ?? [];
  return (
    <>
      <ListPage
        tableId="dues"
        phoneColumns={['name', 'month', 'amount', 'status']}
        title="会费"
        list={list}
        query={dues}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        emptyText="还没有会费记录：可导入工资表、逐人登记，或由单位代缴整月标记"
        extra={
          can('dues.manage') && (
            <Space wrap>
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen('import')} data-testid="dues-import">导入工资表</Button>
              <Button icon={<EditOutlined />} onClick={() => setOpen('record')}>登记会费</Button>
              <Button icon={<CheckSquareOutlined />} onClick={() => setOpen('markPaid')}>单位代缴</Button>
            </Space>
          )
        }
        header={
          figures.length > 0 && (
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="dues-figures">
              {figures.map((f) => (
                <Col key={f.status} xs={12} md={6}>
                  <Statistic title={`${f.statusLabel}（人）`} value={f.members} suffix={f.status === 'paid' ? <Typography.Text type="secondary" style={{ fontSize: 14 }}>{yuan(f.amountFen)}</Typography.Text> : undefined} />
                </Col>
              ))}
            </Row>
          )
        }
        detail={{
          title: (r) => `${r.name} ${r.month.slice(0, 7)} 会费`,
          render: (r) => (
            <Descriptions column={1} items={[
              { key: 'org', label: '所在工会', children: r.orgName },
              { key: 'wage', label: '应发工资', children: yuan(r.wageFen) },
              { key: 'amount', label: '会费', children: yuan(r.amountFen) },
              { key: 'status', label: '状态', children: r.exemptionLabel ? `${r.statusLabel}（${r.exemptionLabel}）` : r.statusLabel },
              { key: 'source', label: '来源', children: r.sourceLabel },
              { key: 'paidOn', label: '登记已缴日期', children: r.paidOn ?? '—' },
            ]} />
          ),
        }}
      />
      <RecordModal open={open === 'record'} onClose={() => setOpen(null)} />
      <MarkPaidModal open={open === 'markPaid'} onClose={() => setOpen(null)} />
      <ImportModal open={open === 'import'} onClose={() => setOpen(null)} />
    </>
  );
}
