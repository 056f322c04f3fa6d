import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, List } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCountdown } from '../../../lib/useCountdown';
import { requestResumeCode, type ResumedApplication, resumeApplications } from './api';
import { MobileShell, Notice, shortTime, useServerErrors } from './shared';

const FIELDS = ['phone', 'code'] as const;

interface Values {
  phone: string;
  code: string;
}

/**
 * 找回入会申请: the applicant proves the number they applied with by a text-message code, from any
 * phone, and gets their applications back (the saved link is no longer the only way).
 */
export function ResumePage() {
  const [form] = Form.useForm<Values>();
  const errors = useServerErrors(form, FIELDS);
  const countdown = useCountdown();
  const [sent, setSent] = useState(false);
  const send = useMutation({ mutationFn: requestResumeCode });
  const find = useMutation({ mutationFn: ({ phone, code }: Values) => resumeApplications(phone.trim(), code.trim()) });

  const sendCode = async () => {
    errors.clear();
    const { phone } = await form.validateFields(['phone']);
    try {
      const { resendAfterSeconds } = await send.mutateAsync(phone.trim());
      countdown.start(resendAfterSeconds);
      setSent(true);
    } catch (err) {
      errors.report(err);
    }
  };

  const submit = async (values: Values) => {
    errors.clear();
    try {
      await find.mutateAsync(values);
    } catch (err) {
      errors.report(err);
    }
  };

  const found: ResumedApplication[] | undefined = find.data?.items;
  return (
    <MobileShell title="找回入会申请">
      <div className="lxm-hint" style={{ padding: '12px 16px' }}>
        输入申请时填写的手机号，获取验证码后即可查看您提交过的入会申请，不需要原来的查询链接。
      </div>
      {errors.error != null && <Notice kind="error">{(errors.error as Error).message}</Notice>}
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={find.isPending} data-testid="resume-submit">
            查看我的申请
          </Button>
        }
      >
        <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请输入手机号' }]}>
          <Input type="tel" inputMode="tel" placeholder="申请时填写的手机号" clearable maxLength={11} autoComplete="tel" data-testid="resume-phone" />
        </Form.Item>
        <Form.Item
          name="code"
          label="验证码"
          rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' }]}
          extra={
            <Button size="small" color="primary" fill="outline" disabled={countdown.left > 0} loading={send.isPending} onClick={() => void sendCode()} data-testid="resume-send">
              {countdown.left > 0 ? `${countdown.left} 秒` : sent ? '重新获取' : '获取验证码'}
            </Button>
          }
          help={sent ? '如该手机号提交过入会申请，验证码已发送，5 分钟内有效。' : undefined}
        >
          <Input inputMode="numeric" placeholder="6 位数字" maxLength={6} autoComplete="one-time-code" data-testid="resume-code" />
        </Form.Item>
      </Form>
      {found && (
        <div className="lxm-section" data-testid="resume-results">
          <div className="lxm-section-title">您的入会申请</div>
          {found.length === 0 ? (
            <div className="lxm-hint">这个手机号没有入会申请。可以扫描工会的入会二维码提交申请。</div>
          ) : (
            <List>
              {found.map((a) => (
                <List.Item key={`${a.tenantId}-${a.trackingCode}`} description={`${shortTime(a.createdAt)} 提交 · ${a.stateLabel}`} arrowIcon>
                  <Link to={`/join/status/${a.tenantId}/${a.trackingCode}`} data-testid="resume-application">
                    {a.name} · {a.orgName}
                  </Link>
                </List.Item>
              ))}
            </List>
          )}
        </div>
      )}
    </MobileShell>
  );
}
