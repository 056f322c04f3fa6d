import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../phone/api';
import { type PhoneCodeValues, usePhoneCodeForm } from '../../../phone/form';
import { PhoneCodeFields } from '../../../phone/PhoneCodeFields';
import { Button, Card, Empty, List, ListItem, Notice, PhonePage } from '../../../phone/ui';
import { requestResumeCode, resumeApplications } from './api';
import { shortTime } from './shared';

/**
 * 找回入会申请: the applicant proves the number they applied with by a text-message code, from any
 * phone, and gets their applications back (the saved link is no longer the only way).
 */
export function ResumePage() {
  const codeForm = usePhoneCodeForm(requestResumeCode);
  const { form, error, setError, fail } = codeForm;
  const find = useMutation({ mutationFn: ({ phone, code }: PhoneCodeValues) => resumeApplications(phone.trim(), code.trim()) });

  const onSubmit = async () => {
    setError(null);
    if (!form.check()) return;
    try {
      await find.mutateAsync(form.values);
    } catch (err) {
      fail(err);
    }
  };

  const found = find.data?.items;
  return (
    <PhonePage
      title="找回入会申请"
      footer={
        <Button type="submit" form="resume-form" block variant="primary" size="large" loading={find.isPending} testId="resume-submit">
          查看我的申请
        </Button>
      }
    >
      {error !== null && (
        <Notice kind="error" testId="resume-error">
          {errorMessage(error)}
        </Notice>
      )}
      <form
        id="resume-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Card>
          <div className="ph-muted">输入申请时填写的手机号，获取验证码后即可查看您提交过的入会申请，不需要原来的查询链接。</div>
          <PhoneCodeFields
            state={codeForm}
            placeholder="申请时填写的手机号"
            sentHint="如该手机号提交过入会申请，验证码已发送，5 分钟内有效。"
            testIds={{ phone: 'resume-phone', code: 'resume-code', send: 'resume-send' }}
          />
        </Card>
      </form>
      {found && (
        <Card title="您的入会申请" testId="resume-results">
          {found.length === 0 ? (
            <Empty title="这个手机号没有入会申请" description="可以扫描工会的入会二维码提交申请。" />
          ) : (
            <List>
              {found.map((a) => (
                <ListItem key={`${a.tenantId}-${a.trackingCode}`} to={`/join/status/${a.tenantId}/${a.trackingCode}`} description={`${shortTime(a.createdAt)} 提交 · ${a.stateLabel}`} testId="resume-application">
                  {a.name} · {a.orgName}
                </ListItem>
              ))}
            </List>
          )}
        </Card>
      )}
    </PhonePage>
  );
}
