import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useForm } from '../../../phone/form';
import { Button, Card, Notice, PhonePage, TextArea, toast } from '../../../phone/ui';
import { errorMessage } from '../../../lib/api';
import { EMPLOYMENT_FIELDS, employmentBody, employmentChoices, EmploymentFields, type EmploymentValues, ME_TEST_IDS, validateEmployment } from './EmploymentFields';
import { actOnMyMembership } from './me-api';
import { type OpenMembership, WithMembership } from './WithMembership';
import './me.css';

const TITLE = '更新就业信息';

/** 本人更新就业信息: a new employer or employment form, which the union reads in the membership's history. */
export function MeEmploymentPage() {
  return <WithMembership title={TITLE}>{(membership) => <EmploymentForm membership={membership} />}</WithMembership>;
}

type Values = EmploymentValues & { note: string };

function EmploymentForm({ membership }: { membership: OpenMembership }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const action = membership.allowedActions.find((a) => a.action === 'update_own_employment');
  const form = useForm<Values>(
    {
      employmentForm: membership.employmentForm,
      employerName: membership.employerName ?? '',
      employerCreditCode: membership.employerCreditCode ?? '',
      platformName: membership.platformName ?? '',
      note: '',
    },
    validateEmployment,
  );
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: () => actOnMyMembership({ action: 'update_own_employment', input: { ...employmentBody(form.values), note: form.values.note.trim() || undefined } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['my-membership'] });
      toast('已更新，所在工会可以看到这次变更');
      void navigate('/me');
    },
    onError: (error) => setUnplaced(form.placeServerErrors(error, [...EMPLOYMENT_FIELDS, 'note'])),
  });
  return (
    <PhonePage
      title={TITLE}
      back="/me"
      footer={
        action && (
          <Button variant="primary" size="large" block loading={save.isPending} testId="me-employment-submit" onClick={() => form.check() && save.mutate()}>
            保存
          </Button>
        )
      }
    >
      <Card>
        {!action && <Notice>当前会籍状态下不能自行更新，请联系所在工会。</Notice>}
        {unplaced != null && <Notice kind="error">{errorMessage(unplaced)}</Notice>}
        <EmploymentFields values={form.values} errors={form.errors} set={form.set} choices={employmentChoices(action)} testIds={ME_TEST_IDS} />
        <TextArea label="变更说明（选填）" value={form.values.note} onChange={(v) => form.set('note', v)} maxLength={500} placeholder="如：换了工作单位" testId="me-note" />
        <p className="me-muted">仍在{membership.orgName}。如果新单位有自己的工会，请改为申请会员接转。</p>
      </Card>
    </PhonePage>
  );
}
