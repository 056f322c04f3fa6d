import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormErrors } from '../../lib/forms';
import { AuthScreen } from './AuthScreen';

interface Credentials {
  username: string;
  password: string;
}

/** Only a path of this app may follow login: `next` comes from the URL. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { me, login } = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Credentials>();
  const errors = useFormErrors(form);
  const [submitting, setSubmitting] = useState(false);

  // Signed in (just now, or already): carry on where the user was going.
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    errors.clear();
    try {
      await login(username.trim(), password);
    } catch (err) {
      errors.report(err);
      setSubmitting(false);
    }
  };

  return (
    <AuthScreen>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          登录
        </Typography.Title>
        <ErrorAlert error={errors.error} />
        <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </AuthScreen>
  );
}
