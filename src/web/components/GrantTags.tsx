import { Flex, Tag, Typography } from 'antd';
import type { Grant } from '../modules/auth/api';

/** Role grants as 「角色 · 组织」 tags: a role reaches the org and everything under it. */
export function GrantTags({ grants }: { grants: Grant[] }) {
  if (grants.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {grants.map((g) => (
        <Tag key={g.id} color="red" variant="outlined">
          {g.roleLabel} · {g.orgName}
        </Tag>
      ))}
    </Flex>
  );
}
