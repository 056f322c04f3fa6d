import { Tag } from 'antd';
import { dayjs } from '../../lib/time';
import type { User } from './api';

/** Locked by too many failed logins, until `lockedUntil`. */
export const isLocked = (user: User) => user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());

export function UserStatusTag({ user }: { user: User }) {
  if (!user.active) return <Tag>已停用</Tag>;
  if (isLocked(user)) return <Tag color="orange">已锁定</Tag>;
  return <Tag color="green">正常</Tag>;
}
