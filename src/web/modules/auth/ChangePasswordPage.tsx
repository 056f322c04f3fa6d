import { Alert, App, Button, Card, Form, type FormRule, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormErrors } from '../../lib/forms';
import { changePassword } from './api';
import { AuthScreen } from './AuthScreen';

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The server's rule, checked here too so the user hears it before submitting. */
function newPasswordRules(username: string): FormRule[] {
  return [
    { required: true, message: '请输入新密码' },
    { min: 8, message: '至少 8 位' },
    { pattern: /[A-Za-z]/, message: '须包含字母' },
    { pattern: /\d/, message: '须包含数字' },
    {
      validator: (_, value?: string) =>
        value && value.toLowerCase().includes(username.toLowerCase())
          ? Promise.reject(new Error('不能包含用户名'))
          : Promise.resolve(),
    },
  ];
}

function ChangePasswordForm() {
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordChange>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordChange) => {
    setSaving(true);
    errors.clear();
    try {
      await changePassword(currentPassword, newPassword);
      await refresh();
      message.success('密码已修改');
      navigate('/', { replace: true });
    } catch (err) {
      errors.report(err);
      setSaving(false);
    }
  };

  return (
    <>
      <ErrorAlert error={errors.error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 8 位，须同时包含字母和数字，且不能包含用户名"
          rules={newPasswordRules(me.username)}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value?: string) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="change-password-submit">
          修改密码
        </Button>
      </Form>
    </>
  );
}

/**
 * Changing one's password. While the account still has a one-time password
 * this is the only screen there is (RequireAuth sends every route here).
 */
export function ChangePasswordPage() {
  const me = useMe();
  const { logout } = useAuth();

  if (!me.mustChangePassword) {
    return (
      <Card title="修改密码" style={{ maxWidth: 480 }}>
        <ChangePasswordForm />
      </Card>
    );
  }

  return (
    <AuthScreen>
      <Card
        title="请先修改密码"
        extra={
          <Button type="link" onClick={logout}>
            退出登录
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          title="您正在使用一次性密码"
          description="为保护账号安全，请设置自己的新密码后再继续使用。"
          style={{ marginBottom: 16 }}
        />
        <ChangePasswordForm />
      </Card>
    </AuthScreen>
  );
}
