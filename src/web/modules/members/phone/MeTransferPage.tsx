import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/api';
import { useForm } from '../../../phone/form';
import { useOutbox } from '../../../phone/outbox';
import { Button, Card, List, ListItem, Loading, Notice, PhonePage, Switch, TextArea, TextInput, toast } from '../../../phone/ui';
import { EMPLOYMENT_FIELDS, employmentBody, employmentChoices, EmploymentFields, EMPTY_EMPLOYMENT, type EmploymentValues, ME_TEST_IDS, validateEmployment } from './EmploymentFields';
import { findUnions, requestMyTransfer, type MyTransferInput, type UnionHit } from './me-api';
import { WaitingToSend } from './shared';
import { type OpenMembership, WithMembership } from './WithMembership';
import './me.css';

const TITLE = '申请会员接转';
/** The page's outbox id, and what its kept request is called. */
const KEPT = { id: 'my-transfer', what: '您的接转申请', testId: 'me-transfer' };

/** 申请接转 by the signed-in member: the target union found by name, a reason, the new job if it changed. */
export function MeTransferPage() {
  return (
    <WithMembership title={TITLE} kept={KEPT}>
      {(membership) => <TransferForm membership={membership} />}
    </WithMembership>
  );
}

type Values = EmploymentValues & { reason: string };

function TransferForm({ membership }: { membership: OpenMembership }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<UnionHit | null>(null);
  const [targetError, setTargetError] = useState<string>();
  const [newJob, setNewJob] = useState(true);
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const form = useForm<Values>({ ...EMPTY_EMPLOYMENT, employmentForm: membership.employmentForm, reason: '' }, (v) => (newJob ? validateEmployment(v) : {}));
  const onSent = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ['my-membership'] });
    toast('已提交接转申请，等待原工会确认');
    void navigate('/me');
  }, [queryClient, navigate]);
  // Filled without a connection, the request waits on the phone and goes once it is back (as the join form).
  const outbox = useOutbox<MyTransferInput, unknown>(KEPT.id, requestMyTransfer, onSent);
  const showError = (error: unknown) => setUnplaced(form.placeServerErrors(error, [...EMPLOYMENT_FIELDS, 'reason']));
  // A kept request the server refused once the connection came back: shown as if just submitted.
  useEffect(() => {
    if (outbox.failed) showError(outbox.failed);
    // showError only sets the form's state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outbox.failed]);
  const submit = async () => {
    setUnplaced(null);
    setTargetError(target ? undefined : '请搜索并选择要转入的工会');
    if (!form.check() || !target) return;
    try {
      await outbox.submit({ toOrgId: target.id, reason: form.values.reason.trim() || undefined, employment: newJob ? employmentBody(form.values) : undefined });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <PhonePage
      title={TITLE}
      back="/me"
      footer={
        <Button variant="primary" size="large" block loading={outbox.sending} testId="me-transfer-submit" onClick={() => void submit()}>
          提交接转申请
        </Button>
      }
    >
      <WaitingToSend outbox={outbox} what={KEPT.what} testId={KEPT.testId} />
      <Card>
        <p className="me-muted">
          现在：{membership.orgName}。原工会同意转出、新工会接收后，会籍转入新工会，会龄连续计算。
        </p>
        {unplaced != null && <Notice kind="error">{errorMessage(unplaced)}</Notice>}
        <UnionPicker value={target} onChange={(u) => (setTarget(u), setTargetError(undefined))} error={targetError} currentId={membership.orgId} />
        <TextArea label="接转原因（选填）" value={form.values.reason} onChange={(v) => form.set('reason', v)} maxLength={500} placeholder="如：换到新单位工作" testId="me-transfer-reason" />
        <Switch checked={newJob} onChange={setNewJob} testId="me-transfer-new-job">
          同时更新就业信息
        </Switch>
        {newJob && (
          <EmploymentFields
            values={form.values}
            errors={form.errors}
            set={form.set}
            choices={employmentChoices(membership.allowedActions.find((a) => a.action === 'update_own_employment'))}
            testIds={ME_TEST_IDS}
          />
        )}
      </Card>
    </PhonePage>
  );
}

/** The union to move to, found by name or pinyin (the public union search); the current one is not offered. */
function UnionPicker({ value, onChange, error, currentId }: { value: UnionHit | null; onChange: (union: UnionHit | null) => void; error?: string; currentId: number }) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery({ queryKey: ['union-search', q], queryFn: () => findUnions(q), enabled: q.length > 0 && !value });
  if (value) {
    return (
      <List testId="me-transfer-target">
        <ListItem description={value.parentName ?? undefined} extra={<Button size="small" variant="plain" onClick={() => onChange(null)}>重选</Button>}>
          {value.name}
        </ListItem>
      </List>
    );
  }
  const items = (hits.data?.items ?? []).filter((u) => u.id !== currentId);
  return (
    <>
      <TextInput label="转入工会" value={text} onChange={setText} error={error} placeholder="输入新单位或工会名称搜索" testId="me-transfer-search" enterKeyHint="search" />
      {hits.isFetching && <Loading />}
      {q && hits.isSuccess && items.length === 0 && <p className="me-muted">没有找到“{q}”，请换个名称试试，或向新单位工会询问全称。</p>}
      {items.length > 0 && (
        <List testId="me-transfer-hits">
          {items.map((u) => (
            <ListItem key={u.id} description={u.parentName ?? undefined} onClick={() => onChange(u)} testId="me-transfer-hit">
              {u.name}
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}
