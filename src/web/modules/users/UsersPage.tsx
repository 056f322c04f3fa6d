import { PlusOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { GrantTags } from '../../components/GrantTags';
import { type FilterField, ListPage, useListParams } from '../../components/ListPage';
import { formatDateTime } from '../../lib/time';
import type { User } from './api';
import { useUsers } from './hooks';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { UserBulkActions } from './UserBulkActions';
import { UserDetail } from './UserDetail';
import { UserFormModal } from './UserFormModal';
import { UserStatusTag } from './UserStatusTag';

const FILTERS: FilterField<'q' | 'orgId' | 'active'>[] = [
  { kind: 'text', key: 'q', label: '关键词', placeholder: '用户名、姓名或手机号' },
  { kind: 'org', key: 'orgId', label: '组织' },
  {
    kind: 'select',
    key: 'active',
    label: '状态',
    options: [
      { value: 'true', label: '启用' },
      { value: 'false', label: '停用' },
    ],
  },
];

const COLUMNS: TableColumnsType<User> = [
  { key: 'username', title: '用户名', dataIndex: 'username' },
  { key: 'displayName', title: '姓名', dataIndex: 'displayName' },
  { key: 'phone', title: '手机号', dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
  { key: 'homeOrgName', title: '所属组织', dataIndex: 'homeOrgName' },
  { key: 'grants', title: '角色', render: (_, user) => <GrantTags grants={user.grants} /> },
  { key: 'status', title: '状态', render: (_, user) => <UserStatusTag user={user} /> },
  { key: 'lastLoginAt', title: '最近登录', dataIndex: 'lastLoginAt', render: formatDateTime },
];

export function UsersPage() {
  const { can } = useAuth();
  const list = useListParams(FILTERS);
  const users = useUsers(list.params);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);

  return (
    <>
      <ListPage
        title="用户与角色"
        list={list}
        query={users}
        columns={COLUMNS}
        rowKey={(user) => user.id}
        tableId="users"
        phoneColumns={['displayName', 'homeOrgName', 'status']}
        selection={can('users.manage') ? { actions: (rows, report) => <UserBulkActions rows={rows} report={report} /> } : undefined}
        emptyText="没有符合条件的用户"
        extra={
          can('users.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建用户
            </Button>
          )
        }
        detail={{ title: (user) => `${user.displayName}（${user.username}）`, render: (user) => <UserDetail user={user} /> }}
      />
      <UserFormModal
        mode="create"
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={({ user, oneTimePassword }) => setCreated({ username: user.username, password: oneTimePassword })}
      />
      <OneTimePasswordModal credentials={created} onClose={() => setCreated(null)} />
    </>
  );
}
