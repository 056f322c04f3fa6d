import { NotificationOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Modal, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/api';
import { DATE_FORMAT, dayjs, formatDateTime, today } from '../../lib/time';
import { intParam } from '../../lib/useUrlParams';
import { type Bulletin, type BulletinRow, type BulletinSummary, exportUrls, type Figures, type Measures, type Rates } from './api';
import { CompletionChart } from './CompletionChart';
import { useBulletin, useBulletinPreview, useBulletins, useIssueBulletin } from './hooks';
import { countColumns, DownloadButton, OrgField, pct, progressColumns, RankTag, type ReportLine, rowClassName, useReportOrg } from './shared';

interface Line extends ReportLine {
  row?: BulletinRow;
  period: Figures;
  progress?: { ytd: Figures; target: Measures | null; rates: Rates };
}

/** The ranking's columns; `ownId`: the district whose staff read it (a town reading its county's bulletin), marked. */
const rankingColumns = (ownId: number | null): TableColumnsType<Line> => [
  { key: 'rank', title: '排名', width: 120, fixed: 'left', render: (_, line) => (line.row ? <RankTag rank={line.row.rank} last={line.row.last} flagged={line.row.flagged} /> : '') },
  {
    key: 'name',
    title: '单位',
    width: 180,
    fixed: 'left',
    render: (_, line) =>
      line.row && line.row.districtId === ownId ? (
        <Space size={4} data-testid="bulletin-own-row">
          <b>{line.name}</b>
          <Tag color="blue">本单位</Tag>
        </Space>
      ) : (
        line.name
      ),
  },
  countColumns<Line>('本期', 'period', (line) => line.period),
  ...progressColumns<Line>((line) => line.progress),
  { key: 'score', title: '综合完成率', align: 'right', render: (_, line) => (line.row ? <b>{pct(line.row.score)}</b> : '') },
];

function linesOf(b: Pick<Bulletin, 'rows' | 'direct' | 'total'>): Line[] {
  return [
    ...b.rows.map((row) => ({ key: String(row.districtId), kind: 'district' as const, name: row.districtName, row, period: row.period, progress: row })),
    { key: 'direct', kind: 'direct' as const, name: '直属单位', period: b.direct.period, progress: { ...b.direct, target: null } },
    { key: 'total', kind: 'total' as const, name: '合计', period: b.total.period, progress: b.total },
  ];
}

const lineClass = (line: Line) => (line.row?.flagged ? 'lx-report-flagged' : line.row?.last ? 'lx-report-last' : rowClassName(line));

function RankingTable({ bulletin, testId, ownId = null }: { bulletin: Pick<Bulletin, 'rows' | 'direct' | 'total'>; testId: string; ownId?: number | null }) {
  return (
    <Table<Line>
      rowKey="key"
      size="small"
      bordered
      columns={rankingColumns(ownId)}
      dataSource={linesOf(bulletin)}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={lineClass}
      data-testid={testId}
    />
  );
}

function FlagNotice({ lastNames, flaggedNames }: { lastNames: string[]; flaggedNames: string[] }) {
  return (
    <Flex vertical gap={8}>
      {flaggedNames.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`连续两次排名末位：${flaggedNames.join('、')}`}
          description="按照建会入会督导推动机制，连续两次在通报中排名位次垫底的，将向同级党委进行通报。"
          data-testid="bulletin-flagged"
        />
      )}
      {lastNames.length > 0 && flaggedNames.length === 0 && <Alert type="warning" showIcon title={`本期排名末位：${lastNames.join('、')}`} />}
    </Flex>
  );
}

/** Where the reading town stands in its county's bulletin. */
function ownStandingText(row: BulletinRow | undefined) {
  if (!row) return '本期未列入排名';
  if (row.rank === null) return '未下达目标任务，不参加排名';
  return `第 ${row.rank} 名，综合完成率 ${pct(row.score)}${row.flagged ? '（连续两次排名末位）' : row.last ? '（排名末位）' : ''}`;
}

/** An issued bulletin; `ownId`: the district reading it (a town), whose row is marked. */
function BulletinDetail({ id, ownId }: { id: number; ownId: number | null }) {
  const bulletin = useBulletin(id);
  const b = bulletin.data;
  if (bulletin.error) return <ErrorAlert error={bulletin.error} />;
  if (!b) return null;
  const own = ownId === null ? undefined : b.rows.find((r) => r.districtId === ownId);
  return (
    <Flex vertical gap={16} data-testid="bulletin-detail">
      <Space wrap>
        <DownloadButton href={exportUrls.bulletinDocx(b.id)} testId="bulletin-docx">
          下载 Word
        </DownloadButton>
        <DownloadButton href={exportUrls.bulletinXlsx(b.id)} testId="bulletin-xlsx">
          下载 Excel
        </DownloadButton>
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'period', label: '通报期间', children: `${b.periodStart} 至 ${b.periodEnd}` },
          { key: 'issuedBy', label: '发布人', children: b.issuedByName ?? '—' },
          { key: 'issuedAt', label: '发布时间', children: formatDateTime(b.issuedAt) },
          ...(ownId === null ? [] : [{ key: 'own', label: '本单位排名', span: 'filled' as const, children: <span data-testid="bulletin-own-standing">{ownStandingText(own)}</span> }]),
          {
            key: 'summary',
            label: '全年累计',
            span: 'filled',
            children: `新建工会 ${b.total.ytd.newUnions} 家，新发展会员 ${b.total.ytd.newMembers} 人，其中新就业形态劳动者 ${b.total.ytd.newFormMembers} 人（含直属单位）`,
          },
        ]}
      />
      <FlagNotice lastNames={b.lastNames} flaggedNames={b.flaggedNames} />
      <Card size="small" title={`各${b.districtLabel}目标完成率`}>
        {b.rows.some((r) => r.rank !== null) ? <CompletionChart rows={b.rows} ownId={ownId} /> : <Empty description="尚未下达目标任务，没有排名" />}
      </Card>
      <RankingTable bulletin={b} testId="bulletin-table" ownId={ownId} />
      <Typography.Text type="secondary">综合完成率为三项目标完成率的平均值，单项超过 100% 的按 100% 计；未下达目标的项目不计入，未下达任何目标的单位不参加排名。</Typography.Text>
    </Flex>
  );
}

/** The period ends a bulletin may be issued for: the 15th and month ends up to today, newest first. */
function recentPeriodEnds(count = 6): string[] {
  const now = today();
  const ends: string[] = [];
  let month = now.startOf('month');
  while (ends.length < count) {
    for (const end of [month.endOf('month'), month.date(15)]) {
      if (!end.isAfter(now, 'day') && ends.length < count) ends.push(end.format(DATE_FORMAT));
    }
    month = month.subtract(1, 'month');
  }
  return ends;
}

function IssueModal({ orgId, open, onClose, onIssued }: { orgId: number; open: boolean; onClose: () => void; onIssued: (id: number) => void }) {
  const { message } = App.useApp();
  const options = recentPeriodEnds();
  const [periodEnd, setPeriodEnd] = useState(options[0]);
  const preview = useBulletinPreview(open ? orgId : null, periodEnd);
  const issue = useIssueBulletin();
  const p = preview.data;
  const halfOf = (end: string) => (dayjs(end).date() === 15 ? '上半月' : '下半月');

  const confirm = async () => {
    try {
      const bulletin = await issue.mutateAsync({ orgId, periodEnd });
      message.success(`已发布《${bulletin.title}》`);
      onIssued(bulletin.id);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Modal
      open={open}
      title="发布半月通报"
      width={1100}
      onCancel={onClose}
      destroyOnHidden
      okText="确认发布"
      okButtonProps={{ disabled: !p || p.issuedId !== null, loading: issue.isPending, ...{ 'data-testid': 'bulletin-issue-confirm' } }}
      onOk={confirm}
    >
      <Flex vertical gap={16}>
        <Space wrap>
          <span>通报期次</span>
          <Select
            style={{ width: 280 }}
            value={periodEnd}
            onChange={setPeriodEnd}
            options={options.map((end) => ({ value: end, label: `${dayjs(end).format('YYYY年M月')}${halfOf(end)}（截至 ${end}）` }))}
            data-testid="bulletin-period"
          />
        </Space>
        <ErrorAlert error={preview.error} />
        {p && p.issuedId !== null && <Alert type="info" showIcon title="该期通报已经发布，每期只能发布一次。" />}
        {p && p.issuedId === null && (
          <>
            <Alert
              type="warning"
              showIcon
              title="请核对以下排名。发布后通报内容即固定，不再随数据变化；连续两次排名末位的单位将被标记并向同级党委通报。"
            />
            <FlagNotice lastNames={p.rows.filter((r) => r.last).map((r) => r.districtName)} flaggedNames={p.rows.filter((r) => r.flagged).map((r) => r.districtName)} />
            <Typography.Text type="secondary">
              {p.periodStart} 至 {p.periodEnd}；{p.previous ? `上一期为第 ${p.previous.issueNo} 期（截至 ${p.previous.periodEnd}）` : '此前没有已发布的通报'}
            </Typography.Text>
            <RankingTable bulletin={p} testId="bulletin-preview-table" />
          </>
        )}
      </Flex>
    </Modal>
  );
}

const LIST_COLUMNS: TableColumnsType<BulletinSummary> = [
  { key: 'issueNo', title: '期数', dataIndex: 'issueNo', width: 80, render: (n: number, b) => `${b.year}年第${n}期` },
  { key: 'title', title: '标题', dataIndex: 'title' },
  { key: 'period', title: '通报期间', render: (_, b) => `${b.periodStart} 至 ${b.periodEnd}` },
  { key: 'last', title: '排名末位', dataIndex: 'lastNames', render: (names: string[]) => names.join('、') || '—' },
  {
    key: 'flagged',
    title: '连续两次末位',
    dataIndex: 'flaggedNames',
    render: (names: string[]) => (names.length ? names.map((n) => <Tag key={n} color="red">{n}</Tag>) : '—'),
  },
  { key: 'issuedAt', title: '发布时间', dataIndex: 'issuedAt', render: formatDateTime },
];

/** For a town: its own place in each of its county's bulletins. */
const OWN_RANK_COLUMN: TableColumnsType<BulletinSummary>[number] = {
  key: 'own',
  title: '本单位排名',
  dataIndex: 'orgStanding',
  render: (s: BulletinSummary['orgStanding']) => (s ? <RankTag rank={s.rank} last={s.last} flagged={s.flagged} /> : '—'),
};

/**
 * 半月通报: issued bulletins of an org, issuing a new one after a preview, and each one's ranking and chart.
 * A town ranks nobody: it reads, without issuing, the bulletins of its county that rank it, its row marked.
 */
export function BulletinsPage() {
  const { can } = useAuth();
  const { orgId, params, update, setOrgId } = useReportOrg();
  const page = intParam(params, 'page') ?? 1;
  const openId = intParam(params, 'id');
  const list = useBulletins(orgId, page, 20);
  const [issuing, setIssuing] = useState(false);
  const opened = useBulletin(openId).data;
  const org = list.data?.org;
  // Known once the list answers: only an org that ranks districts issues bulletins.
  const issues = org?.ranksDistricts === true;

  return (
    <Card
      title="半月通报"
      extra={
        can('reports.manage') &&
        orgId &&
        issues && (
          <Button type="primary" icon={<NotificationOutlined />} onClick={() => setIssuing(true)} data-testid="bulletin-issue">
            发布通报
          </Button>
        )
      }
    >
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <OrgField orgId={orgId} onChange={setOrgId} />
      </Flex>
      <Typography.Paragraph type="secondary">
        每半个月（1–15 日、16 日–月末）汇总各单位建会入会进展，按年度目标完成率排名通报；连续两次排名末位的单位将向同级党委进行通报。
      </Typography.Paragraph>
      {org && !issues && (
        <Alert
          type="info"
          showIcon
          title={`半月通报由上级工会排名发布，本级只能查看；通报中${org.name}所在行已标出。`}
          style={{ marginBottom: 16 }}
          data-testid="bulletin-read-only"
        />
      )}
      <ErrorAlert error={list.error} />
      <Table<BulletinSummary>
        rowKey="id"
        columns={[
          ...(org && !issues ? [...LIST_COLUMNS.slice(0, 2), OWN_RANK_COLUMN, ...LIST_COLUMNS.slice(2)] : LIST_COLUMNS),
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_, b) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => update({ id: b.id })}>
                  查看
                </Button>
                <DownloadButton type="link" size="small" icon={null} href={exportUrls.bulletinDocx(b.id)} testId={`bulletin-docx-${b.id}`}>
                  Word
                </DownloadButton>
                <DownloadButton type="link" size="small" icon={null} href={exportUrls.bulletinXlsx(b.id)} testId={`bulletin-xlsx-${b.id}`}>
                  Excel
                </DownloadButton>
              </Space>
            ),
          },
        ]}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={org && !issues ? '上级工会尚未发布对本单位排名的通报' : '尚未发布通报'} /> }}
        onRow={(b) => ({ onClick: () => update({ id: b.id }), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => `共 ${total} 期` }}
        onChange={(pagination) => update({ page: pagination.current === 1 ? null : pagination.current })}
        data-testid="bulletin-list"
      />
      <Drawer open={openId !== null} size={1100} title={opened?.title ?? '半月通报'} onClose={() => update({ id: null })} destroyOnHidden>
        {openId !== null && <BulletinDetail id={openId} ownId={org && !issues ? org.id : null} />}
      </Drawer>
      {orgId && issuing && (
        <IssueModal
          orgId={orgId}
          open={issuing}
          onClose={() => setIssuing(false)}
          onIssued={(id) => {
            setIssuing(false);
            update({ id, page: null });
          }}
        />
      )}
    </Card>
  );
}
