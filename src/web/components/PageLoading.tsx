import { Flex, Spin } from 'antd';

/** Placeholder while a page's code or first data arrives. */
export function PageLoading() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin size="large" />
    </Flex>
  );
}
