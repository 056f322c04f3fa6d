import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { downloadFile, errorMessage } from '../lib/api';

/** A file the server makes (lib/api.ts downloadFile): busy while it comes, the server's message when it is refused. */
export function DownloadButton({ href, children, testId, type, size, icon = <DownloadOutlined /> }: { href: string; children: ReactNode; testId: string } & Pick<ButtonProps, 'type' | 'size' | 'icon'>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async (event: React.MouseEvent) => {
    // The link stays a link (its address shows, a middle click opens it); a click fetches it instead. Inside a
    // table row, the row's own click (opening its detail) is not meant.
    event.preventDefault();
    event.stopPropagation();
    setBusy(true);
    try {
      await downloadFile(href);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} size={size} icon={icon} href={href} loading={busy} onClick={download} data-testid={testId}>
      {children}
    </Button>
  );
}
