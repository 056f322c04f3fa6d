import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Progress,
  Result,
  Row,
  Segmented,
  Spin,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useResponsiveTable } from '../../components/ResponsiveTable';
import { useFormErrors } from '../../lib/forms';
import { formatDateTime } from '../../lib/time';
import { intParam, useUrlParams } from '../../lib/useUrlParams';
import { type ImportOutcome, type ImportRow, importReportUrl, type MemberImport } from './api';
import { useCommitImport, useImport, useImportRows, useImports, useUploadRoster } from './hooks';
import { DownloadButton } from '../../components/DownloadButton';

const OUTCOMES: { key: ImportOutcome; label: string; color: string; hint: string }[] = [
  { key: 'new', label: '新会员', color: 'green', hint: '确认后登记为本工会会员' },
  { key: 'transfer_needed', label: '须办理接转', color: 'orange', hint: '已是其他工会的会员，请办理会员接转' },
  { key: 'already_member_here', label: '已是本会会员', color: 'blue', hint: '无需导入' },
  { key: 'duplicate_in_file', label: '文件内重复', color: 'default', hint: '同一人只按第一次出现的行导入' },
  { key: 'rejected', label: '有误未导入', color: 'red', hint: '请按原因修改后重新导入' },
];
const OUTCOME_COLOR = Object.fromEntries(OUTCOMES.map((o) => [o.key, o.color]));

const STATE_COLOR: Record<MemberImport['state'], string> = { uploaded: 'processing', ready: 'gold', committing: 'processing', committed: 'green', failed: 'red' };

const ROW_COLUMNS: TableColumnsType<ImportRow> = [
  { key: 'line', title: '行号', dataIndex: 'line', width: 72 },
  { key: 'outcome', title: '结果', render: (_, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{r.outcomeLabel}</Tag> },
  { key: 'reason', title: '原因', dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
  { key: 'name', title: '姓名', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
  { key: 'idMasked', title: '身份证号', dataIndex: 'idMasked', render: (v: string | null) => v ?? '—' },
  { key: 'phone', title: '手机号', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
  { key: 'form', title: '就业形态', dataIndex: 'employmentFormLabel', render: (v: string | null) => v ?? '—' },
  { key: 'joinedOn', title: '入会日期', dataIndex: 'joinedOn', render: (v: string | null) => v ?? '—' },
  { key: 'current', title: '现所在工会', dataIndex: 'currentOrgName', render: (v: string | null) => v ?? '—' },
];

function ReportButton({ imp }: { imp: MemberImport }) {
  return (
    <DownloadButton href={importReportUrl(imp.id)} testId="import-report">
      下载导入结果
    </DownloadButton>
  );
}

/** The preview's lines, of one outcome at a time; the rejected ones first when there are any. */
function PreviewLines({ imp }: { imp: MemberImport }) {
  const [outcome, setOutcome] = useState<ImportOutcome | 'all'>(imp.counts.rejected > 0 ? 'rejected' : 'all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const rows = useImportRows(imp.id, { ...page, outcome: outcome === 'all' ? undefined : outcome });
  const table = useResponsiveTable(ROW_COLUMNS, ['name', 'outcome', 'reason', 'idMasked']);

  return (
    <Flex vertical gap={12}>
      <Segmented
        value={outcome}
        onChange={(value) => {
          setOutcome(value as ImportOutcome | 'all');
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={[{ value: 'all', label: `全部 ${imp.counts.total}` }, ...OUTCOMES.map((o) => ({ value: o.key, label: `${o.label} ${imp.counts[o.key]}` }))]}
      />
      <ErrorAlert error={rows.error} />
      <Table<ImportRow>
        size="small"
        rowKey="line"
        {...table}
        dataSource={rows.data?.items}
        loading={rows.isFetching}
        data-testid="import-rows"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有这类行" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: rows.data?.total ?? 0, showTotal: (total) => `共 ${total} 行`, showSizeChanger: true }}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
      />
    </Flex>
  );
}

function Counts({ imp }: { imp: MemberImport }) {
  return (
    <Row gutter={[16, 16]} data-testid="import-counts">
      <Col xs={12} md={4}>
        <Statistic title="数据行" value={imp.counts.total} />
      </Col>
      {OUTCOMES.map((o) => (
        <Col key={o.key} xs={12} md={4}>
          <Statistic title={o.label} value={imp.counts[o.key]} styles={o.key === 'rejected' && imp.counts.rejected > 0 ? { content: { color: '#cf1322' } } : undefined} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.hint}
          </Typography.Text>
        </Col>
      ))}
    </Row>
  );
}

/** One upload: reading progress, then the preview to confirm, then the outcome. */
function ImportView({ id }: { id: number }) {
  const query = useImport(id);
  const commit = useCommitImport();
  const imp = query.data;

  if (query.error) return <ErrorAlert error={query.error} />;
  if (!imp) return <Spin />;

  const header = (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        { key: 'file', label: '文件', children: imp.fileName },
        { key: 'org', label: '导入到', children: imp.orgName },
        { key: 'state', label: '状态', children: <Tag color={STATE_COLOR[imp.state]}>{imp.stateLabel}</Tag> },
        { key: 'by', label: '上传人', children: imp.createdByName ?? '—' },
        { key: 'at', label: '上传时间', children: formatDateTime(imp.createdAt) },
        ...(imp.headerLine ? [{ key: 'headerLine', label: '表头', children: `第 ${imp.headerLine} 行` }] : []),
        ...(imp.columns.recognised.length
          ? [{ key: 'columns', label: '识别的列', span: 'filled' as const, children: imp.columns.recognised.join('、') + (imp.columns.ignored.length ? `（未使用：${imp.columns.ignored.join('、')}）` : '') }]
          : []),
      ]}
    />
  );

  return (
    <Flex vertical gap={16} data-testid="import-view">
      {header}
      {imp.state === 'uploaded' && (
        <Flex vertical gap={8} data-testid="import-progress">
          <Typography.Text>正在读取花名册……已读 {imp.rowsRead} 行</Typography.Text>
          {/* An xlsx reports no share read while it is read (the server says null): the rows read say how far. */}
          {imp.percent === null ? <Spin size="small" /> : <Progress percent={Math.round(imp.percent)} status="active" />}
        </Flex>
      )}
      {imp.state === 'failed' && <Alert type="error" showIcon title="导入失败" description={imp.error ?? '请检查文件后重新上传'} />}
      {imp.state === 'committing' && (
        <Flex align="center" gap={12}>
          <Spin /> 正在导入，请勿关闭页面……
        </Flex>
      )}
      {imp.state === 'committed' && (
        <Result
          status="success"
          title={`已导入 ${imp.counts.new} 名新会员`}
          subTitle={
            imp.linesPurgedAt
              ? `导入时间 ${formatDateTime(imp.committedAt)}。`
              : `导入时间 ${formatDateTime(imp.committedAt)}；其余各行的结果与原因见导入结果（保存至 ${formatDateTime(imp.linesKeptUntil)}）。`
          }
          extra={!imp.linesPurgedAt && <ReportButton imp={imp} />}
        />
      )}
      {imp.state === 'committed' && imp.linesPurgedAt && (
        <Alert
          type="info"
          showIcon
          data-testid="import-lines-purged"
          title={`逐行结果已超过保存期限，已于 ${formatDateTime(imp.linesPurgedAt)} 删除`}
          description="花名册各行含身份证号等个人信息，只保存一段时间；下面的汇总数字保留，导入的会员可在会员名单中查看。"
        />
      )}
      {imp.state === 'ready' && (
        <>
          <Alert
            type="info"
            showIcon
            title="请核对预览结果。确认后，「新会员」各行一次全部登记为会员（要么全部成功，要么全部不导入）；其余各行不会导入。"
            description={imp.linesKeptUntil && `预览保留至 ${formatDateTime(imp.linesKeptUntil)}，逾期未确认导入的将作废。`}
          />
          <Flex gap={8} wrap>
            <ConfirmButton
              type="primary"
              disabled={imp.counts.new === 0}
              data-testid="import-commit"
              title={`确认将 ${imp.counts.new} 名新会员导入「${imp.orgName}」？`}
              okText="确认导入"
              successMessage={`已导入 ${imp.counts.new} 名新会员`}
              onConfirm={() => commit.mutateAsync(imp.id)}
            >
              确认导入（{imp.counts.new} 人）
            </ConfirmButton>
            <ReportButton imp={imp} />
          </Flex>
        </>
      )}
      {(imp.state === 'ready' || imp.state === 'committed') && (
        <>
          <Counts imp={imp} />
          {!imp.linesPurgedAt && <PreviewLines imp={imp} />}
        </>
      )}
    </Flex>
  );
}

interface UploadValues {
  orgId: number;
  file: UploadFile[];
}

function UploadForm({ onUploaded }: { onUploaded: (id: number) => void }) {
  const [form] = Form.useForm<UploadValues>();
  const errors = useFormErrors(form);
  const upload = useUploadRoster();

  const submit = async (values: UploadValues) => {
    errors.clear();
    const file = values.file[0]?.originFileObj;
    if (!file) return;
    try {
      const imp = await upload.mutateAsync({ orgId: values.orgId, file });
      form.resetFields(['file']);
      onUploaded(imp.id);
    } catch (err) {
      errors.report(err);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
      <ErrorAlert error={errors.error} />
      <Form.Item name="orgId" label="导入到" rules={[{ required: true, message: '请选择导入到哪个工会' }]} extra="基层工会、联合工会或平台工会">
        <OrgTreeSelect placeholder="选择工会" data-testid="import-org" />
      </Form.Item>
      <Form.Item
        name="file"
        label="花名册文件"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, type: 'array', min: 1, message: '请选择花名册文件（.xlsx 或 .csv）' }]}
      >
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} beforeUpload={() => false} data-testid="import-file">
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将文件拖到此处</p>
          <p className="ant-upload-hint">支持 .xlsx 和 .csv，不超过 50 MB</p>
        </Upload.Dragger>
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        表头可在前 10 行内，列名为中文、顺序不限：须有「姓名」「身份证号」两列，可有「手机号」「就业形态」「工作单位」「统一社会信用代码」「所在平台」「入会日期」。身份证号列请设为「文本」格式，以免 Excel 把它变成科学计数法。
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-upload">
        上传并预览
      </Button>
    </Form>
  );
}

const HISTORY_COLUMNS: TableColumnsType<MemberImport> = [
  { key: 'fileName', title: '文件', dataIndex: 'fileName' },
  { key: 'orgName', title: '导入到', dataIndex: 'orgName' },
  { key: 'state', title: '状态', render: (_, i) => <Tag color={STATE_COLOR[i.state]}>{i.stateLabel}</Tag> },
  { key: 'counts', title: '新会员 / 数据行', render: (_, i) => `${i.counts.new} / ${i.counts.total}` },
  { key: 'by', title: '上传人', dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
  { key: 'createdAt', title: '上传时间', dataIndex: 'createdAt', render: formatDateTime },
];

/** 花名册导入: upload a union's roster, check every line's outcome, then commit it all at once. */
export function ImportPage() {
  const [params, update] = useUrlParams();
  const openId = intParam(params, 'id');
  const [page, setPage] = useState(1);
  const history = useImports({ page, pageSize: 10 });
  const historyTable = useResponsiveTable(HISTORY_COLUMNS, ['fileName', 'orgName', 'state', 'counts']);

  return (
    <Flex vertical gap={16}>
      <Card title="花名册导入" extra={openId && <Button onClick={() => update({ id: null })}>上传新的花名册</Button>}>
        {openId ? <ImportView id={openId} /> : <UploadForm onUploaded={(id) => update({ id })} />}
      </Card>
      <Card title="导入记录" size="small">
        <ErrorAlert error={history.error} />
        <Table<MemberImport>
          size="small"
          rowKey="id"
          {...historyTable}
          dataSource={history.data?.items}
          loading={history.isFetching}
          rowClassName={(i) => (i.id === openId ? 'ant-table-row-selected' : '')}
          onRow={(i) => ({ onClick: () => update({ id: i.id }), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未导入过花名册" /> }}
          pagination={{ current: page, pageSize: 10, total: history.data?.total ?? 0, showTotal: (total) => `共 ${total} 次` }}
          onChange={(p) => setPage(p.current ?? 1)}
        />
      </Card>
    </Flex>
  );
}
