import { Alert, Button } from 'antd';
import { ApiError, errorMessage } from '../lib/api';

interface ErrorAlertProps {
  error: unknown;
  /**
   * Offered when the record changed under the user (409 on a stale version):
   * reloading is the only way forward.
   */
  onReload?: () => void;
}

/** A failed request, in the server's own Chinese words. Renders nothing without an error. */
export function ErrorAlert({ error, onReload }: ErrorAlertProps) {
  if (!error) return null;
  const stale = onReload && error instanceof ApiError && error.code === 'CONFLICT';
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error)}
      description={stale ? '该记录已被他人修改，请重新加载后再操作。' : undefined}
      action={
        stale ? (
          <Button size="small" onClick={onReload}>
            重新加载
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
