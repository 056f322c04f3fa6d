import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../phone/api';
import { type PhoneCodeValues, usePhoneCodeForm } from '../../../phone/form';
import { PhoneCodeFields } from '../../../phone/PhoneCodeFields';
import { Button, Card, Notice, PhonePage, toast } from '../../../phone/ui';
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
  const codeForm = usePhoneCodeForm(requestMyPhoneCode);
  const { form, error, setError, fail } = codeForm;
  const save = useMutation({
    mutationFn: ({ phone, code }: PhoneCodeValues) => changeMyPhone(phone.trim(), code.trim()),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['my-membership'] });
      toast('手机号已更换，以后请用新号码登录');
      void navigate('/me');
    },
    onError: fail,
  });

  const { values } = form;
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
          <PhoneCodeFields
            state={codeForm}
            phoneLabel="新手机号"
            placeholder="11 位手机号"
            sentHint="验证码已发送到新号码，5 分钟内有效。"
            testIds={{ phone: 'me-phone-new', code: 'me-phone-code', send: 'me-phone-send' }}
          />
        </Card>
      </form>
    </PhonePage>
  );
}
