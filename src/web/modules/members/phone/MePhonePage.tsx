import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../phone/api';
import { type PhoneCodeValues, usePhoneCodeForm } from '../../../phone/form';
import { Button, Card, CodeInput, MobileInput, Notice, PhonePage, toast } from '../../../phone/ui';
import { changeMyPhone, requestMyPhoneCode } from './me-api';
import { type OpenMembership, WithMembership } from './WithMembership';
import './me.css';

const TITLE = '更换手机号';

/**
 * 本人更换手机号: the new number is proven by a code sent to it; the union's record, the next sign-in by
 * code and the union's history then use it.
 */
export function MePhonePage() {
  return <WithMembership title={TITLE}>{(membership) => <PhoneForm membership={membership} />}</WithMembership>;
}

function PhoneForm({ membership }: { membership: OpenMembership }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { form, error, setError, fail, sendCode } = usePhoneCodeForm(requestMyPhoneCode);
  const save = useMutation({
    mutationFn: ({ phone, code }: PhoneCodeValues) => changeMyPhone(phone.trim(), code.trim()),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['my-membership'] });
      toast('手机号已更换，以后请用新号码登录');
      void navigate('/me');
    },
    onError: fail,
  });

  const { values, errors, set } = form;
  return (
    <PhonePage
      title={TITLE}
      back="/me"
      footer={
        <Button type="submit" form="me-phone-form" block variant="primary" size="large" loading={save.isPending} testId="me-phone-submit">
          确认更换
        </Button>
      }
    >
      {error != null && (
        <Notice kind="error" testId="me-phone-error">
          {errorMessage(error)}
        </Notice>
      )}
      <form
        id="me-phone-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          if (form.check()) save.mutate(values);
        }}
      >
        <Card>
          <div className="me-muted">现在登记的手机号：{membership.phoneMasked ?? '未登记'}。新号码收到验证码后即完成更换，所在工会的会员信息同步更新。</div>
          <MobileInput label="新手机号" value={values.phone} onChange={(v) => set('phone', v)} error={errors.phone} placeholder="11 位手机号" testId="me-phone-new" />
          <CodeInput
            value={values.code}
            onChange={(v) => set('code', v)}
            onSend={sendCode}
            error={errors.code}
            sentHint="验证码已发送到新号码，5 分钟内有效。"
            testId="me-phone-code"
            sendTestId="me-phone-send"
          />
        </Card>
      </form>
    </PhonePage>
  );
}
