import { Alert, Modal, Typography } from 'antd';

interface OneTimePasswordModalProps {
  /** Null keeps the modal closed. */
  credentials: { username: string; password: string } | null;
  onClose: () => void;
}

/** The only time the password is ever shown: after creating a user or resetting a password. */
export function OneTimePasswordModal({ credentials, onClose }: OneTimePasswordModalProps) {
  return (
    <Modal
      open={credentials !== null}
      title="一次性密码"
      okText="我已记下"
      onOk={onClose}
      onCancel={onClose}
      footer={(_, { OkBtn }) => <OkBtn />}
      mask={{ closable: false }}
      // The password must not linger in the page once acknowledged.
      destroyOnHidden
    >
      {credentials && (
        <>
          <Alert
            type="warning"
            showIcon
            title="此密码只显示这一次"
            description="请复制后通过安全渠道告知用户。用户首次登录时必须修改密码。"
            style={{ marginBottom: 16 }}
          />
          <Typography.Paragraph>
            用户名：<Typography.Text strong>{credentials.username}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: credentials.password, tooltips: ['复制', '已复制'] }}
            code
            style={{ fontSize: 18 }}
            data-testid="one-time-password"
          >
            {credentials.password}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
