import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';

/** A file the server makes: a plain link (the session cookie goes along; a GET needs no CSRF token). */
export function DownloadButton({ href, children, testId }: { href: string; children: ReactNode; testId: string }) {
  return (
    <Button icon={<DownloadOutlined />} href={href} download data-testid={testId}>
      {children}
    </Button>
  );
}
