import { Avatar, type AvatarProps } from 'antd';

/** The first character of a name on the union red: names, not photos, identify people here. */
export function UserAvatar({ name, size }: { name: string; size?: AvatarProps['size'] }) {
  return (
    <Avatar size={size} className="lx-avatar">
      {name.slice(0, 1)}
    </Avatar>
  );
}
