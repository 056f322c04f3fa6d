import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useDebouncedCallback } from '../../../lib/useDebouncedCallback';
import { ApiError, errorMessage } from '../../../phone/api';
import { type Errors, rules, useForm } from '../../../phone/form';
import { IdInput } from '../../../phone/IdInput';
import { useOutbox } from '../../../phone/outbox';
import { Button, Card, List, ListItem, Loading, MobileInput, Notice, PhonePage, Switch, TextArea, TextInput } from '../../../phone/ui';
import { fetchUnion, findUnions, requestTransfer, type TransferCreated, type TransferInput } from './api';
import { EMPLOYMENT_FIELDS, employmentBody, EmploymentFields, EMPTY_EMPLOYMENT, type EmploymentValues, publicEmploymentChoices, validateEmployment } from './EmploymentFields';
import { WaitingToSend } from './shared';

interface TransferValues extends EmploymentValues {
  residentId: string;
  phone: string;
  reason: string;
  updateEmployment: boolean;
}

const INITIAL: TransferValues = { residentId: '', phone: '', reason: '', updateEmployment: false, ...EMPTY_EMPLOYMENT };

const FIELDS = ['residentId', 'phone', 'reason', ...EMPLOYMENT_FIELDS];

function validate(values: TransferValues): Errors<TransferValues> {
  return {
    residentId: rules.residentId(values.residentId),
    phone: rules.mobile(values.phone),
    ...(values.updateEmployment ? validateEmployment(values) : {}),
  };
}

/** Search the unions one may join, by name or pinyin. */
function UnionSearch({ onPick }: { onPick: (id: number) => void }) {
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const search = useDebouncedCallback((value: string) => setTerm(value.trim()), 300);
  const hits = useQuery({ queryKey: ['public', 'unions', term], queryFn: () => findUnions(term), enabled: term.length > 0, retry: false });

  return (
    <div data-testid="transfer-union-search">
      <TextInput
        type="search"
        enterKeyHint="search"
        value={text}
        onChange={(v) => {
          setText(v);
          search(v);
        }}
        placeholder="输入新单位工会名称查找"
        aria-label="查找转入工会"
      />
      {term && hits.isPending && <Loading />}
      {hits.error && <div className="ph-muted">{errorMessage(hits.error)}</div>}
      {hits.data && hits.data.length === 0 && <div className="ph-muted">没有找到，请换个关键词，或向新单位工会索取入会二维码。</div>}
      {hits.data && hits.data.length > 0 && (
        <List>
          {hits.data.map((u) => (
            <ListItem key={u.id} description={u.parentName ?? undefined} onClick={() => onPick(u.id)} testId="transfer-union-hit">
              {u.name}
            </ListItem>
          ))}
        </List>
      )}
    </div>
  );
}

/** The union moved to, as the join page reads it (one query for the card and the form's choices). */
const useTargetUnion = (toOrgId: number | null) =>
  useQuery({ queryKey: ['public', 'union', toOrgId], queryFn: () => fetchUnion(toOrgId!), enabled: toOrgId !== null, retry: false });

/** The union to move to: from `?to=` (the new union's link or QR code), or searched for. */
function TargetUnion({ toOrgId, onChange }: { toOrgId: number | null; onChange: (id: number | null) => void }) {
  const union = useTargetUnion(toOrgId);

  if (toOrgId === null) {
    return (
      <Card title="转入工会">
        <UnionSearch onPick={onChange} />
      </Card>
    );
  }
  return (
    <Card>
      <div className="ph-muted">转入工会</div>
      {union.isPending ? (
        <Loading />
      ) : union.error ? (
        <div className="ph-muted">{union.error instanceof ApiError && union.error.status === 404 ? '该工会不存在或不接收会员，请重新选择。' : errorMessage(union.error)}</div>
      ) : (
        <div className="ph-union-name" data-testid="transfer-union-name">
          {union.data.name}
        </div>
      )}
      <Button size="small" variant="plain" onClick={() => onChange(null)}>
        更换
      </Button>
    </Card>
  );
}

/** 会员接转 by the member: for a member who changed jobs, 会龄 continues at the new union. */
export function TransferPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const to = Number(params.get('to'));
  const toOrgId = Number.isSafeInteger(to) && to > 0 ? to : null;
  const form = useForm(INITIAL, validate);
  const [error, setError] = useState<unknown>(null);
  const target = useTargetUnion(toOrgId);
  // Filled without a connection, the request waits on the phone and goes once it is back (as the join form).
  const onSent = useCallback(({ tenantId, trackingCode }: TransferCreated) => navigate(`/transfer/status/${tenantId}/${trackingCode}`, { state: { submitted: true } }), [navigate]);
  const outbox = useOutbox<TransferInput, TransferCreated>('transfer', requestTransfer, onSent);
  // A kept request the server refused once the connection came back: shown as if just submitted.
  useEffect(() => {
    if (outbox.failed) setError(form.placeServerErrors(outbox.failed, FIELDS));
    // placeServerErrors only sets the form's state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outbox.failed]);

  const setTarget = (id: number | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('to', String(id));
        else next.delete('to');
        return next;
      },
      { replace: true },
    );

  const onSubmit = async () => {
    setError(null);
    if (!form.check()) return;
    if (!toOrgId) {
      setError(new ApiError(400, 'VALIDATION', '请先选择转入工会', 'Choose the union'));
      return;
    }
    const v = form.values;
    try {
      await outbox.submit({
        residentId: v.residentId.trim(),
        phone: v.phone.trim(),
        toOrgId,
        reason: v.reason.trim() || undefined,
        employment: v.updateEmployment && v.employmentForm ? employmentBody(v) : undefined,
      });
    } catch (err) {
      setError(form.placeServerErrors(err, FIELDS));
    }
  };

  // The answer shows above the form, out of sight of the submit button: bring it into view.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error || outbox.pending) notice.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [error, outbox.pending]);
  const { values, errors, set } = form;
  return (
    <PhonePage
      title="会员接转"
      footer={
        <Button type="submit" form="transfer-form" block variant="primary" size="large" loading={outbox.sending} disabled={!toOrgId} testId="transfer-submit">
          提交接转申请
        </Button>
      }
    >
      <div className="ph-muted" style={{ padding: '0 4px 12px' }}>
        已是工会会员、更换了工作单位的，无需重新入会：申请接转后，原工会同意转出、新工会接收，会籍随之转移，会龄连续计算。
      </div>
      <TargetUnion toOrgId={toOrgId} onChange={setTarget} />
      <div ref={notice} />
      <WaitingToSend outbox={outbox} what="您的接转申请" testId="transfer" />
      {error !== null && !outbox.pending && (
        <Notice kind="error" testId="transfer-error">
          {error instanceof ApiError && error.status === 404
            ? '未找到与该身份证号和手机号相符的在册会籍。请核对身份证号，并填写入会时登记的手机号；如仍有问题，请联系原工会。'
            : errorMessage(error)}
        </Notice>
      )}
      <form
        id="transfer-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <div className="ph-section-title">本人信息（与原工会登记的一致）</div>
        <Card>
          <IdInput label="身份证号" value={values.residentId} onChange={(v) => set('residentId', v)} error={errors.residentId} placeholder="18 位居民身份证号" testId="transfer-resident-id" />
          <MobileInput label="手机号" value={values.phone} onChange={(v) => set('phone', v)} error={errors.phone} placeholder="入会时登记的手机号" testId="transfer-phone" />
          <TextArea label="接转原因（选填）" value={values.reason} onChange={(v) => set('reason', v)} error={errors.reason} placeholder="如：已到新单位工作" maxLength={500} testId="transfer-reason" />
          <Switch checked={values.updateEmployment} onChange={(v) => set('updateEmployment', v)}>
            工作有变化
          </Switch>
          {values.updateEmployment &&
            (target.data ? (
              <EmploymentFields
                values={values}
                errors={errors}
                set={set}
                choices={publicEmploymentChoices(target.data.employmentForms)}
                testIds={{ platform: 'transfer-platform-name', employer: 'transfer-employer-name', creditCode: 'transfer-credit-code' }}
              />
            ) : (
              <div className="ph-muted">请先选择转入工会，再填写新的就业信息</div>
            ))}
        </Card>
      </form>
    </PhonePage>
  );
}
