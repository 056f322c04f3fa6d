import { Button, Descriptions, Divider, Flex } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ConfirmButton } from '../../components/ConfirmButton';
import { GrantTags } from '../../components/GrantTags';
import { formatDateTime } from '../../lib/time';
import type { User } from './api';
import { GrantsEditor } from './GrantsEditor';
import { useResetPassword, useUnlockUser, useUpdateUser } from './hooks';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { UserFormModal } from './UserFormModal';
import { isLocked, UserStatusTag } from './UserStatusTag';

/** The drawer body for one user; managers also get the account actions and the grants editor. */
export function UserDetail({ user }: { user: User }) {
  const { can } = useAuth();
  const manage = can('users.manage');
  const [editing, setEditing] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const reset = useResetPassword();
  const unlock = useUnlockUser();
  const update = useUpdateUser();

  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'username', label: '用户名', children: user.username },
          { key: 'displayName', label: '姓名', children: user.displayName },
          { key: 'phone', label: '手机号', children: user.phone ?? '—' },
          { key: 'homeOrg', label: '所属组织', children: user.homeOrgName },
          { key: 'status', label: '状态', children: <UserStatusTag user={user} /> },
          ...(isLocked(user)
            ? [{ key: 'lockedUntil', label: '锁定至', children: formatDateTime(user.lockedUntil) }]
            : []),
          { key: 'lastLoginAt', label: '最近登录', children: formatDateTime(user.lastLoginAt) },
          ...(manage ? [] : [{ key: 'grants', label: '角色', children: <GrantTags grants={user.grants} /> }]),
        ]}
      />

      {manage && (
        <>
          <Flex gap={8} wrap style={{ marginTop: 16 }}>
            <Button onClick={() => setEditing(true)}>编辑</Button>
            <ConfirmButton
              title={`重置「${user.displayName}」的密码？`}
              description="将生成一次性密码，用户须在下次登录时修改。"
              onConfirm={async () => setPassword((await reset.mutateAsync(user)).oneTimePassword)}
            >
              重置密码
            </ConfirmButton>
            {isLocked(user) && (
              <ConfirmButton
                title={`解除「${user.displayName}」的登录锁定？`}
                successMessage="已解锁"
                onConfirm={() => unlock.mutateAsync(user)}
              >
                解锁
              </ConfirmButton>
            )}
            <ConfirmButton
              danger={user.active}
              title={user.active ? `停用「${user.displayName}」？停用后该账号不能登录。` : `启用「${user.displayName}」？`}
              successMessage={user.active ? '已停用' : '已启用'}
              onConfirm={() => update.mutateAsync({ id: user.id, version: user.version, active: !user.active })}
            >
              {user.active ? '停用' : '启用'}
            </ConfirmButton>
          </Flex>

          <Divider titlePlacement="start">角色授权</Divider>
          <GrantsEditor user={user} />

          <UserFormModal mode="edit" open={editing} user={user} onClose={() => setEditing(false)} />
          <OneTimePasswordModal
            credentials={password === null ? null : { username: user.username, password }}
            onClose={() => setPassword(null)}
          />
        </>
      )}
    </>
  );
}
