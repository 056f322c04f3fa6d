import { PlusOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../app/auth';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { errorMessage } from '../../lib/api';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback';
import type { PickedUser } from '../users/api';
import { usePickUsers } from '../users/hooks';
import type { HandlerUnit } from './api';
import { useAddHandlerAccount, useCreateHandlerUnit, useHandlerUnits, useProposalsMeta, useRemoveHandlerAccount, useUpdateHandlerUnit } from './hooks';
import { EditButton, RecordTable } from './shared';

interface UnitValues {
  orgId: number;
  name: string;
  kind: HandlerUnit['kind'];
  contact?: string;
}

/** 登记 or 修改 a unit; where it is registered is fixed once registered (its proposals come from there). */
function UnitFormModal({ unit, open, onClose }: { unit: HandlerUnit | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const kinds = useProposalsMeta().data?.handlerKinds ?? [];
  const create = useCreateHandlerUnit();
  const update = useUpdateHandlerUnit();
  const initialValues: Partial<UnitValues> = unit ? { name: unit.name, kind: unit.kind, contact: unit.contact ?? '' } : { orgId: me.homeOrgId };

  return (
    <FormModal<UnitValues>
      open={open}
      title={unit ? `修改承办单位：${unit.name}` : '登记承办单位'}
      okText={unit ? '保存' : '登记'}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async ({ orgId, contact, ...fields }) => {
        if (unit) {
          await update.mutateAsync({ id: unit.id, ...fields, contact: contact?.trim() || null });
          message.success('已保存');
        } else {
          await create.mutateAsync({ orgId, ...fields, contact: contact?.trim() || null });
          message.success(`已登记「${fields.name}」，请为其添加办理账号`);
        }
      }}
    >
      {unit ? (
        <Form.Item label="登记工会">{unit.orgName}</Form.Item>
      ) : (
        <Form.Item name="orgId" label="登记工会" extra="本级和下级工会的提案可以交办给它" rules={[{ required: true, message: '请选择登记工会' }]}>
          <OrgTreeSelect data-testid="unit-org" />
        </Form.Item>
      )}
      <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
        <Input maxLength={100} placeholder="如：平湖市人力资源和社会保障局" data-testid="unit-name" />
      </Form.Item>
      <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Select options={kinds.map((k) => ({ value: k.code, label: k.label }))} style={{ maxWidth: 240 }} data-testid="unit-kind" />
      </Form.Item>
      <Form.Item name="contact" label="联系人和电话">
        <Input maxLength={100} placeholder="如：王科长 0573-85012345" data-testid="unit-contact" />
      </Form.Item>
    </FormModal>
  );
}

/** Whether the account may act for a unit: the server takes only holders of the handler role. */
const isHandler = (user: PickedUser) => user.roles.includes('handler');

/** Find an account by name or username and add it to the unit. */
function AddAccount({ unit }: { unit: HandlerUnit }) {
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [userId, setUserId] = useState<number | null>(null);
  const settle = useDebouncedCallback((text: string) => setSearch(text.trim()), 300);
  const users = usePickUsers(search);
  const add = useAddHandlerAccount();
  const taken = new Set(unit.accounts.map((a) => a.userId));
  const options = (users.data ?? [])
    .filter((u) => !taken.has(u.id))
    .map((u) => ({
      value: u.id,
      disabled: !isHandler(u),
      label: `${u.displayName}（${u.username}）`,
      note: isHandler(u) ? '承办单位账号' : '没有「承办单位」角色，不能添加',
    }));

  return (
    <Flex vertical gap={6}>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          showSearch={{ filterOption: false, onSearch: settle }}
          value={userId}
          onChange={setUserId}
          options={options}
          loading={users.isFetching}
          placeholder="输入用户名或姓名查找账号"
          notFoundContent={search ? '没有找到账号' : '输入用户名或姓名查找'}
          style={{ flex: 1, minWidth: 0 }}
          popupMatchSelectWidth={false}
          optionRender={(option) => (
            <Flex vertical>
              <span>{option.label}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {option.data.note}
              </Typography.Text>
            </Flex>
          )}
          data-testid="unit-account-search"
        />
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          disabled={userId === null}
          loading={add.isPending}
          data-testid="unit-account-add"
          onClick={() =>
            userId !== null &&
            add.mutate(
              { unitId: unit.id, userId },
              {
                onSuccess: () => {
                  setUserId(null);
                  message.success('已添加办理账号');
                },
                onError: (err) => message.error(errorMessage(err)),
              },
            )
          }
        >
          添加
        </Button>
      </Space.Compact>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        账号须持有「承办单位」角色；还没有账号的，请系统管理员在「用户与角色」中新建并授予。
      </Typography.Text>
    </Flex>
  );
}

/** The accounts acting for a unit: they see and handle only what is given to it. */
function AccountsModal({ unit, onClose }: { unit: HandlerUnit | null; onClose: () => void }) {
  const remove = useRemoveHandlerAccount();
  return (
    <Modal open={unit !== null} title={unit && `办理账号：${unit.name}`} footer={null} onCancel={onClose} destroyOnHidden>
      {unit && (
        <Flex vertical gap={16} data-testid="unit-accounts">
          {unit.accounts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有办理账号：添加后，该账号登录即可在「待我办理」中办理交办给本单位的提案" />
          ) : (
            <Flex vertical gap={8}>
              {unit.accounts.map((a) => (
                <Flex key={a.userId} justify="space-between" align="center" gap={8} style={{ padding: '6px 12px', border: '1px solid var(--lx-border)', borderRadius: 6 }} data-testid="unit-account">
                  <span>
                    {a.displayName} <Typography.Text type="secondary">（{a.username}）</Typography.Text>
                  </span>
                  <ConfirmButton
                    size="small"
                    danger
                    type="link"
                    title={`确定移除「${a.displayName}」？`}
                    description="移除后该账号不能再办理本单位的提案。"
                    okText="移除"
                    successMessage="已移除"
                    onConfirm={() => remove.mutateAsync({ unitId: unit.id, userId: a.userId })}
                  >
                    移除
                  </ConfirmButton>
                </Flex>
              ))}
            </Flex>
          )}
          <AddAccount unit={unit} />
        </Flex>
      )}
    </Modal>
  );
}

/** 承办单位: the departments and enterprises proposals are given to, and the accounts that act for them. */
export function HandlerUnitsPage() {
  const units = useHandlerUnits();
  const [editing, setEditing] = useState<HandlerUnit | 'new' | null>(null);
  const [accountsOf, setAccountsOf] = useState<number | null>(null);
  // The unit as it is now: adding an account refreshes the list.
  const accountsUnit = units.data?.find((u) => u.id === accountsOf) ?? null;

  const columns: TableColumnsType<HandlerUnit> = [
    { key: 'name', title: '单位名称', dataIndex: 'name', render: (name: string) => <div style={{ minWidth: 120, maxWidth: 240 }}>{name}</div> },
    { key: 'kind', title: '类型', dataIndex: 'kindLabel' },
    { key: 'org', title: '登记工会', dataIndex: 'orgName' },
    { key: 'contact', title: '联系人和电话', dataIndex: 'contact', render: (contact: string | null) => contact ?? '—' },
    {
      key: 'accounts',
      title: '办理账号',
      render: (_, u) =>
        u.accounts.length === 0 ? (
          <Typography.Text type={u.canManage ? 'warning' : 'secondary'}>{u.canManage ? '未添加' : '—'}</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {u.accounts.map((a) => (
              <Tag key={a.userId} style={{ margin: 0 }}>
                {a.displayName}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_, u) =>
        u.canManage && (
          <Space size={0}>
            <EditButton onClick={() => setEditing(u)} testId="unit-edit" />
            <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => setAccountsOf(u.id)} data-testid="unit-accounts-open">
              账号
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title="承办单位"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-new">
          登记承办单位
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">立案的提案交办给这里登记的单位办理。每个单位添加一个或几个办理账号，账号登录后在「待我办理」中报送进展、答复。</Typography.Paragraph>
      <RecordTable query={units} columns={columns} empty="还没有承办单位，点击「登记承办单位」添加政府部门、企业等承办提案的单位" testId="unit-table" />
      <UnitFormModal unit={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      <AccountsModal unit={accountsUnit} onClose={() => setAccountsOf(null)} />
    </Card>
  );
}
