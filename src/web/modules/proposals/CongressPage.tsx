import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Grid, Input, InputNumber, Select, Space, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import { useUrlParams } from '../../lib/useUrlParams';
import { type CongressSession, congressReportUrl, type Proposal, type ReviewGroup } from './api';
import { useCongressSessions, useCreateCongressSession, useCreateReviewGroup, useReviewCandidates, useReviewGroups, useUpdateCongressSession, useUpdateReviewGroup } from './hooks';
import { EditButton, RecordTable } from './shared';
import { DownloadButton } from '../../components/DownloadButton';

/** A session's motions by outcome, as the server counts them; where one state is the outcome, the list opens on it too. */
const MOTION_COUNTS: { key: keyof CongressSession['motions']; title: string; note?: string; state?: Proposal['state'] }[] = [
  { key: 'submitted', title: '提交' },
  { key: 'accepted', title: '立案' },
  { key: 'notAccepted', title: '不予立案', note: '转意见建议', state: 'not_accepted' },
  { key: 'merged', title: '并案', state: 'merged' },
  { key: 'inReview', title: '审议中' },
  { key: 'concluded', title: '已办结', state: 'concluded' },
];

/** The motions behind a count, in the proposals list. */
const motionsLink = (session: CongressSession, state?: string) => `/proposals?${new URLSearchParams({ congressSessionId: String(session.id), ...(state ? { state } : {}) })}`;

/** What a tab says above its table, and its button for a new record. */
function TabHeader({ text, newLabel, onNew, testId }: { text: string; newLabel: string; onNew: () => void; testId: string }) {
  return (
    <Flex justify="space-between" align="start" gap={12} wrap style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary" style={{ flex: '1 1 320px' }}>
        {text}
      </Typography.Text>
      <Button type="primary" icon={<PlusOutlined />} onClick={onNew} data-testid={testId}>
        {newLabel}
      </Button>
    </Flex>
  );
}

/** Where a record was set up: chosen when new, fixed after (its proposals come from there). */
function OrgField({ fixed, label, extra, testId }: { fixed?: string; label: string; extra: string; testId: string }) {
  if (fixed !== undefined) return <Form.Item label={label}>{fixed}</Form.Item>;
  return (
    <Form.Item name="orgId" label={label} extra={extra} rules={[{ required: true, message: `请选择${label}` }]}>
      <OrgTreeSelect data-testid={testId} />
    </Form.Item>
  );
}

// ——— 审议小组 ———

interface GroupValues {
  orgId: number;
  name: string;
  memberUserIds: number[];
  quorum: number;
}

/** Members among the representatives of the group's union and those below it, found by typing a name. */
function MembersSelect({ orgId, current, ...props }: { orgId: number | undefined; current: ReviewGroup['members']; value?: number[]; onChange?: (ids: number[]) => void }) {
  const chosenOrg = Form.useWatch<number | undefined>('orgId');
  const candidates = useReviewCandidates(orgId ?? chosenOrg);
  const options = new Map<number, string>(current.map((m) => [m.userId, m.name]));
  for (const c of candidates.data ?? []) options.set(c.userId, `${c.name}（${c.orgName}）`);
  return (
    <Select
      {...props}
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      loading={candidates.isFetching}
      options={[...options].map(([value, label]) => ({ value, label }))}
      placeholder="输入姓名查找会员代表"
      notFoundContent={orgId ?? chosenOrg ? '没有找到会员代表' : '请先选择设立工会'}
      data-testid="group-members"
    />
  );
}

/** 设立 or 修改 a review group: its members and the quorum over half of them. */
function GroupFormModal({ group, open, onClose, onReload }: { group: ReviewGroup | null; open: boolean; onClose: () => void; onReload: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const me = useMe();
  const create = useCreateReviewGroup();
  const update = useUpdateReviewGroup();
  const initialValues: Partial<GroupValues> = group
    ? { name: group.name, quorum: group.quorum, memberUserIds: group.members.map((m) => m.userId) }
    : { orgId: me.homeOrgId, quorum: 2 };

  return (
    <FormModal<GroupValues>
      open={open}
      title={group ? `修改审议小组：${group.name}` : '设立审议小组'}
      okText={group ? '保存' : '设立'}
      initialValues={initialValues}
      onClose={onClose}
      onReload={onReload}
      onSubmit={async ({ orgId, ...fields }) => {
        if (group) await update.mutateAsync({ id: group.id, version: group.version, ...fields });
        else await create.mutateAsync({ orgId, ...fields });
        message.success(group ? '已保存' : `已设立「${fields.name}」`);
      }}
    >
      <OrgField fixed={group?.orgName} label="设立工会" extra="本级和下级工会的提案可以交它审议" testId="group-org" />
      <Form.Item name="name" label="小组名称" rules={[{ required: true, whitespace: true, message: '请填写小组名称' }]}>
        <Input maxLength={100} placeholder="如：平湖市总工会提案审查小组" data-testid="group-name" />
      </Form.Item>
      <Form.Item name="memberUserIds" label="成员" extra="本工会或下属工会的会员代表，至少 3 人" rules={[{ required: true, type: 'array', min: 3, message: '请选择至少 3 名成员' }]}>
        <MembersSelect orgId={group?.orgId} current={group?.members ?? []} />
      </Form.Item>
      <Form.Item name="quorum" label="法定人数" extra="至少这么多成员投票，才能按多数意见立案或不予立案；须过成员半数" rules={[{ required: true, message: '请填写法定人数' }]}>
        <InputNumber min={2} max={99} precision={0} suffix="人" style={{ width: 140 }} data-testid="group-quorum" />
      </Form.Item>
    </FormModal>
  );
}

function ReviewGroupsTab() {
  const groups = useReviewGroups();
  const update = useUpdateReviewGroup();
  const [editing, setEditing] = useState<ReviewGroup | 'new' | null>(null);

  const columns: TableColumnsType<ReviewGroup> = [
    { key: 'name', title: '小组名称', dataIndex: 'name', render: (name: string) => <div style={{ minWidth: 120, maxWidth: 240 }}>{name}</div> },
    { key: 'org', title: '设立工会', dataIndex: 'orgName' },
    {
      key: 'members',
      title: '成员',
      render: (_, g) => (
        <Flex wrap gap={4} style={{ maxWidth: 320 }}>
          {g.members.map((m) => (
            <Tag key={m.userId} style={{ margin: 0 }}>
              {m.name}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'quorum', title: '法定人数', render: (_, g) => <span style={{ whiteSpace: 'nowrap' }}>{`${g.quorum} / ${g.members.length} 人`}</span> },
    { key: 'active', title: '状态', render: (_, g) => (g.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>) },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_, g) =>
        g.canManage && (
          <Space size={0}>
            <EditButton onClick={() => setEditing(g)} testId="group-edit" />
            {g.active ? (
              <ConfirmButton
                type="link"
                size="small"
                danger
                title={`确定停用「${g.name}」？`}
                description="停用后不能再把提案交它审议；正在审议的提案照常表决。"
                okText="停用"
                successMessage="已停用"
                onConfirm={() => update.mutateAsync({ id: g.id, version: g.version, active: false })}
                data-testid="group-deactivate"
              >
                停用
              </ConfirmButton>
            ) : (
              <ConfirmButton type="link" size="small" title={`重新启用「${g.name}」？`} okText="启用" successMessage="已启用" onConfirm={() => update.mutateAsync({ id: g.id, version: g.version, active: true })}>
                启用
              </ConfirmButton>
            )}
          </Space>
        ),
    },
  ];

  return (
    <>
      <TabHeader
        text="提案立案前交审议小组表决：达到法定人数的成员投票后，工会按多数意见立案或不予立案。职代会的提案审查委员会也在这里设立。"
        newLabel="设立审议小组"
        onNew={() => setEditing('new')}
        testId="group-new"
      />
      <RecordTable query={groups} columns={columns} empty="还没有审议小组，点击「设立审议小组」，选定会员代表和法定人数" testId="group-table" />
      <GroupFormModal group={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} onReload={groups.refetch} />
    </>
  );
}

// ——— 职代会 ———

interface SessionValues {
  orgId: number;
  name: string;
  collectFrom: Dayjs;
  collectUntil: Dayjs;
  minCosigners: number;
  reviewGroupId: number;
}

/** 设立 or 修改 a session's collection of motions: its period, co-signers and review committee. */
function SessionFormModal({ session, open, onClose, onReload }: { session: CongressSession | null; open: boolean; onClose: () => void; onReload: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const me = useMe();
  const groups = useReviewGroups({}, open);
  const create = useCreateCongressSession();
  const update = useUpdateCongressSession();
  const initialValues: Partial<SessionValues> = session
    ? { name: session.name, collectFrom: dayjs(session.collectFrom), collectUntil: dayjs(session.collectUntil), minCosigners: session.minCosigners, reviewGroupId: session.reviewGroupId }
    : { orgId: me.homeOrgId, collectFrom: today(), minCosigners: 2 };
  const groupOptions = (groups.data ?? [])
    .filter((g) => g.active || g.id === session?.reviewGroupId)
    .map((g) => ({ value: g.id, label: `${g.name}（${g.orgName}）` }));

  return (
    <FormModal<SessionValues>
      open={open}
      title={session ? `修改职代会：${session.name}` : '设立职代会提案征集'}
      okText={session ? '保存' : '设立'}
      width={640}
      initialValues={initialValues}
      onClose={onClose}
      onReload={onReload}
      onSubmit={async ({ orgId, collectFrom, collectUntil, ...fields }) => {
        const period = { collectFrom: collectFrom.format(DATE_FORMAT), collectUntil: collectUntil.format(DATE_FORMAT) };
        if (session) await update.mutateAsync({ id: session.id, version: session.version, ...fields, ...period });
        else await create.mutateAsync({ orgId, ...fields, ...period });
        message.success(session ? '已保存' : `已设立「${fields.name}」，征集期内代表可以提交职代会提案`);
      }}
    >
      <OrgField fixed={session?.orgName} label="召开工会" extra="本工会和下属工会的会员代表可以提交提案" testId="session-org" />
      <Form.Item name="name" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}>
        <Input maxLength={100} placeholder="如：第十届职工代表大会第三次会议" data-testid="session-name" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="collectFrom" label="提案征集开始" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker data-testid="session-from" />
        </Form.Item>
        <Form.Item name="collectUntil" label="提案征集截止" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker data-testid="session-until" />
        </Form.Item>
      </Flex>
      <Form.Item name="minCosigners" label="附议人数" extra="每件提案至少需要这么多代表附议，才能交审查委员会审议" rules={[{ required: true, message: '请填写附议人数' }]}>
        <InputNumber min={0} max={50} precision={0} suffix="人" style={{ width: 140 }} data-testid="session-cosigners" />
      </Form.Item>
      <Form.Item name="reviewGroupId" label="提案审查委员会" extra="由哪个审议小组审议大会的提案；没有的先在「审议小组」中设立" rules={[{ required: true, message: '请选择提案审查委员会' }]}>
        <Select options={groupOptions} loading={groups.isFetching} placeholder="选择审议小组" notFoundContent="还没有启用的审议小组" data-testid="session-group" />
      </Form.Item>
    </FormModal>
  );
}

/** 征集期 and where today stands in it. */
function CollectionPeriod({ session: s }: { session: CongressSession }) {
  const ended = s.collectUntil < today().format(DATE_FORMAT);
  return (
    <Flex vertical gap={4} align="start">
      {/* From and until on two lines keep the counts on a laptop's screen. */}
      <span style={{ width: 100 }}>
        {s.collectFrom} 至 {s.collectUntil}
      </span>
      {s.collecting ? <Tag color="green">征集中</Tag> : <Tag>{ended ? '已截止' : '未开始'}</Tag>}
    </Flex>
  );
}

function CongressSessionsTab() {
  const sessions = useCongressSessions();
  const groups = useReviewGroups();
  const [editing, setEditing] = useState<CongressSession | 'new' | null>(null);
  const groupName = new Map((groups.data ?? []).map((g) => [g.id, g.name]));

  const columns: TableColumnsType<CongressSession> = [
    {
      key: 'name',
      title: '会议',
      render: (_, s) => (
        <Flex vertical gap={2} style={{ minWidth: 180, maxWidth: 240 }}>
          <span>{s.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.orgName}
            <br />
            审查委员会：{groupName.get(s.reviewGroupId) ?? '—'}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'period', title: '征集期', render: (_, s) => <CollectionPeriod session={s} /> },
    { key: 'cosigners', title: '附议', align: 'right', render: (_, s) => `${s.minCosigners} 人` },
    {
      key: 'motions',
      title: '提案（件）',
      children: MOTION_COUNTS.map(({ key, title, note, state }) => ({
        key,
        title: note ? (
          <Flex vertical>
            <span>{title}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', whiteSpace: 'nowrap' }}>
              {note}
            </Typography.Text>
          </Flex>
        ) : (
          title
        ),
        align: 'right' as const,
        render: (_: unknown, s: CongressSession) => (
          <Link to={motionsLink(s, state)} data-testid={`session-count-${key}`}>
            {s.motions[key]}
          </Link>
        ),
      })),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_, s) =>
        s.canManage && (
          <Space size={0}>
            <EditButton onClick={() => setEditing(s)} testId="session-edit" />
            <DownloadButton type="link" size="small" href={congressReportUrl(s.id)} testId="session-report">
              审查报告
            </DownloadButton>
          </Space>
        ),
    },
  ];

  return (
    <>
      <TabHeader
        text="职代会召开前设立提案征集：征集期内，会员代表新建提案时可选作本次大会的提案，由大会的提案审查委员会审议。点击数字查看相应的提案。"
        newLabel="设立职代会"
        onNew={() => setEditing('new')}
        testId="session-new"
      />
      <RecordTable query={sessions} columns={columns} empty="还没有职代会，点击「设立职代会」开始征集提案" testId="session-table" />
      <SessionFormModal session={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} onReload={sessions.refetch} />
    </>
  );
}

const TABS = [
  { key: 'sessions', label: '职代会', children: <CongressSessionsTab /> },
  { key: 'groups', label: '审议小组', children: <ReviewGroupsTab /> },
];

/** 职代会与审议小组: the congress sessions collecting motions and the review groups deciding on proposals. */
export function CongressPage() {
  const [params, update] = useUrlParams();
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Card title="职代会与审议小组" size={wide ? 'default' : 'small'}>
      <Tabs activeKey={params.get('tab') ?? 'sessions'} onChange={(tab) => update({ tab: tab === 'sessions' ? null : tab })} items={TABS} />
    </Card>
  );
}
