import { App, Button, type ButtonProps, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../lib/api';

interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick' | 'title'> {
  /** The question, e.g. 「确定停用该组织？」 */
  title: ReactNode;
  description?: ReactNode;
  okText?: string;
  onConfirm: () => Promise<unknown>;
  /** Said once the action succeeded. */
  successMessage?: string;
}

/** A button for a destructive or hard-to-undo act: asks first, then reports how it went. */
export function ConfirmButton({
  title,
  description,
  okText = '确定',
  onConfirm,
  successMessage,
  ...buttonProps
}: ConfirmButtonProps) {
  const { message } = App.useApp();

  // Popconfirm keeps its OK button spinning until this settles.
  const confirm = async () => {
    try {
      await onConfirm();
      if (successMessage) message.success(successMessage);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Popconfirm
      title={title}
      description={description}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger: buttonProps.danger }}
      onConfirm={confirm}
    >
      <Button {...buttonProps} />
    </Popconfirm>
  );
}
