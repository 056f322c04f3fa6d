import { EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Select, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth, useMe } from '../../app/auth';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading } from '../../components/PageLoading';
import { useTableWidth } from '../../components/ResponsiveTable';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback';
import { usePickUsers } from '../users/hooks';
import type { Studio, StudioMember } from './api';
import { useAddStudioMember, useCreateStudio, useMediationMeta, useStudios, useUpdateStudio, useUpdateStudioMember } from './hooks';

interface StudioValues {
  orgId: number;
  name: string;
  address?: string;
  phone?: string;
}

/** 设立 or 修改 a studio; the union hosting it is fixed once set (its cases are that union's). */
function StudioFormModal({ studio, open, onClose }: { studio: Studio | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const create = useCreateStudio();
  const update = useUpdateStudio();
  return (
    <FormModal<StudioValues>
      open={open}
      title={studio ? `修改工作室：${studio.name}` : '设立调解工作室'}
      okText={studio ? '保存' : '设立'}
      initialValues={studio ? { name: studio.name, address: studio.address ?? '', phone: studio.phone ?? '' } : { orgId: me.homeOrgId ?? undefined }}
      onClose={onClose}
      onSubmit={async ({ orgId, address, phone, ...fields }) => {
        const optional = { address: address?.trim() || null, phone: phone?.trim() || null };
        if (studio) await update.mutateAsync({ id: studio.id, version: studio.version, ...fields, ...optional });
        else await create.mutateAsync({ orgId, ...fields, ...optional });
        message.success(studio ? '已保存' : `已设立「${fields.name}」，请添加团队成员`);
      }}
    >
      {studio ? (
        <Form.Item label="所属工会">{studio.orgName}</Form.Item>
      ) : (
        <Form.Item name="orgId" label="所属工会" rules={[{ required: true, message: '请选择工会' }]}>
          <OrgTreeSelect data-testid="studio-org" />
        </Form.Item>
      )}
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={100} placeholder="如：当湖街道“连心舱”劳动争议调解工作室" data-testid="studio-name" />
      </Form.Item>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} data-testid="studio-address" />
      </Form.Item>
      <Form.Item name="phone" label="咨询电话">
        <Input maxLength={30} placeholder="如：0573-85011234" data-testid="studio-phone" />
      </Form.Item>
    </FormModal>
  );
}

interface MemberValues {
  role: StudioMember['role'];
  name: string;
  phone?: string;
  userId?: number | null;
  lawFirm?: string;
}

/** The mediator account a member acts through: found by name; only holders of the mediator role can be chosen. */
function AccountSelect({ value, onChange, current }: { value?: number | null; onChange?: (v: number | null) => void; current: string | null }) {
  const [search, setSearch] = useState('');
  const settle = useDebouncedCallback((text: string) => setSearch(text.trim()), 300);
  const users = usePickUsers(search);
  const options = (search ? (users.data ?? []) : []).map((u) => {
    const mediator = u.roles.includes('mediator');
    return { value: u.id, disabled: !mediator, label: `${u.displayName}（${u.username}）${mediator ? '' : ' · 没有「调解员」角色'}` };
  });
  if (value && current && !options.some((o) => o.value === value)) options.unshift({ value, disabled: false, label: current });
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: settle }}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={users.isFetching}
      placeholder="输入用户名或姓名查找调解员账号"
      notFoundContent={search ? '没有找到账号' : '输入用户名或姓名查找'}
      data-testid="member-account"
    />
  );
}

/** 添加 or 修改 a team member. */
function MemberFormModal({ studio, member, open, onClose }: { studio: Studio; member: StudioMember | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const roles = useMediationMeta().data?.studioRoles ?? [];
  const add = useAddStudioMember();
  const update = useUpdateStudioMember();
  const [role, setRole] = useState<string | undefined>(member?.role);
  return (
    <FormModal<MemberValues>
      open={open}
      title={member ? `修改团队成员：${member.name}` : `添加团队成员：${studio.name}`}
      okText={member ? '保存' : '添加'}
      initialValues={member ? { role: member.role, name: member.name, phone: member.phone ?? '', userId: member.userId, lawFirm: member.lawFirm ?? '' } : {}}
      onClose={onClose}
      onSubmit={async ({ phone, lawFirm, userId, ...fields }) => {
        const values = { ...fields, phone: phone?.trim() || null, lawFirm: lawFirm?.trim() || null, userId: userId ?? null };
        if (member) await update.mutateAsync({ studioId: studio.id, memberId: member.id, version: member.version, ...values });
        else await add.mutateAsync({ studioId: studio.id, ...values });
        message.success(member ? '已保存' : `已添加 ${fields.name}`);
      }}
    >
      <Form.Item name="role" label="团队角色" rules={[{ required: true, message: '请选择团队角色' }]}>
        <Select options={roles.map((r) => ({ value: r.code, label: r.label }))} onChange={setRole} style={{ maxWidth: 200 }} data-testid="member-role" />
      </Form.Item>
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={50} data-testid="member-name" />
      </Form.Item>
      <Form.Item name="phone" label="手机号">
        <Input maxLength={20} data-testid="member-phone" />
      </Form.Item>
      {role === 'lawyer' && (
        <Form.Item name="lawFirm" label="律师事务所" rules={[{ required: true, whitespace: true, message: '请填写律师事务所' }]}>
          <Input maxLength={100} data-testid="member-law-firm" />
        </Form.Item>
      )}
      <Form.Item name="userId" label="调解员账号" extra="有账号的成员登录后可以办理本工作室的案件；账号须持有「调解员」角色">
        <AccountSelect current={member ? member.name : null} />
      </Form.Item>
    </FormModal>
  );
}

/** One studio: its figures by role and its team. */
function StudioCard({ studio, onEdit }: { studio: Studio; onEdit: () => void }) {
  const tableWidth = useTableWidth();
  const roles = useMediationMeta().data?.studioRoles ?? [];
  const update = useUpdateStudioMember();
  const [editing, setEditing] = useState<StudioMember | 'new' | null>(null);
  const columns: TableColumnsType<StudioMember> = [
    { key: 'role', title: '角色', dataIndex: 'roleLabel', width: 100 },
    { key: 'name', title: '姓名', render: (_, m) => (m.active ? m.name : <Typography.Text delete>{m.name}</Typography.Text>) },
    { key: 'phone', title: '手机号', dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
    { key: 'lawFirm', title: '律师事务所', dataIndex: 'lawFirm', render: (firm: string | null) => firm ?? '—' },
    { key: 'account', title: '调解员账号', render: (_, m) => (m.userId ? <Tag color="blue">有账号</Tag> : '—') },
    ...(studio.canManage
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_: unknown, m: StudioMember) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(m)} data-testid="member-edit">
                  修改
                </Button>
                <ConfirmButton
                  type="link"
                  size="small"
                  danger={m.active}
                  title={m.active ? `确定停用「${m.name}」？` : `恢复「${m.name}」？`}
                  description={m.active ? '停用后其账号不能再办理本工作室的案件，已办案件仍保留。' : undefined}
                  successMessage={m.active ? '已停用' : '已恢复'}
                  onConfirm={() => update.mutateAsync({ studioId: studio.id, memberId: m.id, version: m.version, active: !m.active })}
                  data-testid="member-toggle"
                >
                  {m.active ? '停用' : '恢复'}
                </ConfirmButton>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title={
        <Space>
          {studio.name}
          {!studio.active && <Tag>已停用</Tag>}
          {studio.myRole && <Tag color="green">我是{roles.find((r) => r.code === studio.myRole)?.label}</Tag>}
        </Space>
      }
      extra={
        studio.canManage && (
          <Space>
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="studio-edit">
              修改
            </Button>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing('new')} data-testid="member-new">
              添加成员
            </Button>
          </Space>
        )
      }
      data-testid="studio-card"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {studio.orgName}
          {studio.address && ` · ${studio.address}`}
          {studio.phone && ` · 电话 ${studio.phone}`}
        </Typography.Text>
        <Space wrap>
          {roles.map((r) => (
            <Tag key={r.code}>
              {r.label} {studio.counts[r.code as StudioMember['role']] ?? 0} 人
            </Tag>
          ))}
        </Space>
        <Table<StudioMember>
          rowKey={(m) => m.id}
          size="small"
          columns={columns}
          dataSource={studio.members}
          pagination={{ hideOnSinglePage: true, pageSize: 20 }}
          {...tableWidth}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={studio.canManage ? '还没有团队成员，点击「添加成员」' : '还没有团队成员'} /> }}
          data-testid="member-table"
        />
      </Flex>
      {editing !== null && <MemberFormModal studio={studio} member={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** 连心舱 · 团队: the studios the user sees and their teams (领航员、导师、舱长、志愿者、驻点律师). */
export function TeamPage() {
  const { can } = useAuth();
  const studios = useStudios();
  const [editing, setEditing] = useState<Studio | 'new' | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  if (studios.isPending) return <PageLoading />;
  const shown = (studios.data ?? []).filter((s) => showInactive || s.active);
  return (
    <Flex vertical gap={16}>
      <Card
        title="连心舱 · 团队"
        extra={
          <Space>
            <Switch checked={showInactive} onChange={setShowInactive} checkedChildren="含已停用" unCheckedChildren="含已停用" />
            {can('mediation.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="studio-new">
                设立工作室
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          每个“连心舱”调解工作室由领航员、导师、舱长、志愿者和驻点律师组成。有调解员账号的成员办理本工作室的案件。
        </Typography.Paragraph>
        <ErrorAlert error={studios.error} />
      </Card>
      {shown.length === 0 ? (
        <Card>
          <Empty description={can('mediation.manage') ? '还没有调解工作室，点击「设立工作室」开始' : '您所在范围内还没有调解工作室'} />
        </Card>
      ) : (
        shown.map((s) => <StudioCard key={s.id} studio={s} onEdit={() => setEditing(s)} />)
      )}
      <StudioFormModal studio={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </Flex>
  );
}
