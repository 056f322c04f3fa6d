import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { BrandMark } from '../../components/BrandMark';

/** The centred, menu-less frame of the login and forced password-change screens. */
export function AuthScreen({ children }: { children: ReactNode }) {
  return (
    <Flex vertical align="center" justify="center" className="lx-auth-screen">
      <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
        <BrandMark size={48} />
        <Typography.Title level={2} style={{ margin: 0 }}>
          连心
        </Typography.Title>
        <Typography.Text type="secondary">智慧工会工作台</Typography.Text>
      </Flex>
      <div style={{ width: '100%', maxWidth: 400 }}>{children}</div>
    </Flex>
  );
}
