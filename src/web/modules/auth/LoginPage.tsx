import { LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, type FormInstance, Input, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormErrors } from '../../lib/forms';
import { useCountdown } from '../../lib/useCountdown';
import { requestSignInCode } from './api';
import { AuthScreen } from './AuthScreen';

interface Credentials {
  username: string;
  password: string;
}

interface CodeCredentials {
  phone: string;
  code: string;
}

/** Only a path of this app may follow login: `next` comes from the URL. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** A sign-in form's submit: the server's issues next to their fields; once signed in, the page moves on by itself. */
function useSignIn<T>(form: FormInstance<T>, signIn: (values: T) => Promise<unknown>) {
  const errors = useFormErrors(form);
  const [submitting, setSubmitting] = useState(false);
  const submit = async (values: T) => {
    setSubmitting(true);
    errors.clear();
    try {
      await signIn(values);
    } catch (err) {
      errors.report(err);
      setSubmitting(false);
    }
  };
  return { errors, submitting, submit };
}

function PasswordLogin() {
  const { login } = useAuth();
  const [form] = Form.useForm<Credentials>();
  const { errors, submitting, submit } = useSignIn(form, ({ username, password }) => login(username.trim(), password));

  return (
    <>
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
    </>
  );
}

/** 短信登录: workers, with the mobile number on their membership record and the code sent to it. */
function CodeLogin() {
  const { loginWithCode } = useAuth();
  const [form] = Form.useForm<CodeCredentials>();
  const { errors, submitting, submit } = useSignIn(form, ({ phone, code }) => loginWithCode(phone.trim(), code.trim()));
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  const sendCode = async () => {
    errors.clear();
    const { phone } = await form.validateFields(['phone']);
    setSending(true);
    try {
      const { resendAfterSeconds } = await requestSignInCode(phone.trim());
      countdown.start(resendAfterSeconds);
      setSent(true);
    } catch (err) {
      errors.report(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <ErrorAlert error={errors.error} />
      <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
        <Form.Item name="phone" label="手机号" rules={[{ required: true, whitespace: true, message: '请输入手机号' }]} extra="会员登记时填写的手机号">
          <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" maxLength={13} data-testid="sms-phone" />
        </Form.Item>
        <Form.Item label="验证码" required={false} extra={sent ? '验证码已发送，5 分钟内有效。如未收到，请确认手机号与工会登记的一致。' : undefined}>
          <Space.Compact block>
            <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="sms-code" />
            </Form.Item>
            <Button onClick={sendCode} loading={sending} disabled={countdown.left > 0} data-testid="sms-send">
              {countdown.left > 0 ? `${countdown.left} 秒后重发` : sent ? '重新获取' : '获取验证码'}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="sms-submit">
          登录
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        工会会员可用登记的手机号登录，首次登录即开通职工账号。工会工作人员请使用账号登录。
      </Typography.Paragraph>
    </>
  );
}

export function LoginPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();

  // Signed in (just now, or already): carry on where the user was going.
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const tab = params.get('by') === 'sms' ? 'sms' : 'password';
  return (
    <AuthScreen>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          登录
        </Typography.Title>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'sms') next.set('by', 'sms');
            else next.delete('by');
            setParams(next, { replace: true });
          }}
          items={[
            { key: 'password', label: '账号登录', children: <PasswordLogin /> },
            { key: 'sms', label: <span data-testid="login-tab-sms">短信登录</span>, children: <CodeLogin /> },
          ]}
        />
      </Card>
    </AuthScreen>
  );
}
