import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../phone/api';
import { type Errors, rules, useForm } from '../../../phone/form';
import { IdInput } from '../../../phone/IdInput';
import { useOutbox } from '../../../phone/outbox';
import { Button, Card, Checkbox, List, ListItem, LoadError, Loading, MobileInput, Notice, PhonePage, TextInput } from '../../../phone/ui';
import { fetchUnion, join, type JoinInput, type PrivacyNotice as PrivacyNoticeText, type PublicUnion, type Tracking } from './api';
import { EMPLOYMENT_FIELDS, employmentBody, EmploymentFields, EMPTY_EMPLOYMENT, type EmploymentValues, publicEmploymentChoices, validateEmployment } from './EmploymentFields';
import { WaitingToSend } from './shared';

interface JoinValues extends EmploymentValues {
  name: string;
  residentId: string;
  phone: string;
  consent: boolean;
  sensitiveConsent: boolean;
}

const INITIAL: JoinValues = { name: '', residentId: '', phone: '', consent: false, sensitiveConsent: false, ...EMPTY_EMPLOYMENT };

const FIELDS = ['name', 'residentId', 'phone', 'consent', 'sensitiveConsent', ...EMPLOYMENT_FIELDS];

const UNION_TYPES: Record<string, string> = { grassroots: '基层工会', joint: '联合工会', platform: '平台工会' };

function validate(values: JoinValues): Errors<JoinValues> {
  return {
    name: rules.required(values.name, '请填写姓名'),
    residentId: rules.residentId(values.residentId),
    phone: rules.mobile(values.phone),
    ...validateEmployment(values),
    consent: values.consent ? undefined : '请阅读并同意个人信息处理规则',
    // PIPL art. 29: the resident ID is sensitive and needs its own consent, not folded into the one above.
    sensitiveConsent: values.sensitiveConsent ? undefined : '在线入会须单独同意处理身份证号；不同意的，可到工会当面办理',
  };
}

/**
 * 入会个人信息处理规则: its gist first, the full text as the server sends it one tap away (a
 * <details>, in the page either way). The applicant agrees to the full text, whose version is recorded.
 */
function PrivacyNotice({ notice }: { notice: PrivacyNoticeText }) {
  return (
    <div className="ph-privacy" data-testid="join-privacy">
      <ul className="ph-privacy-summary" data-testid="join-privacy-summary">
        {notice.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <details data-testid="join-privacy-full">
        <summary>阅读《{notice.title}》全文</summary>
        <dl>
          {notice.sections.map((section) => (
            <Fragment key={section.heading}>
              <dt>{section.heading}</dt>
              {section.paragraphs.map((p) => (
                <dd key={p}>{p}</dd>
              ))}
            </Fragment>
          ))}
        </dl>
      </details>
      <div className="ph-muted" data-testid="join-privacy-version">
        规则版本：{notice.version}
      </div>
    </div>
  );
}

/**
 * The 409 that says this ID cannot apply online now. The server does not say why (a member already, here or
 * elsewhere, or an application pending: the page must not tell a stranger who is a member), so the ways
 * forward are all offered.
 */
function AlreadyMember({ error, orgId }: { error: ApiError; orgId: number }) {
  const navigate = useNavigate();
  const transfer = error.fields.some((f) => f.reason === 'CANNOT_APPLY_ONLINE');
  return (
    <Notice kind="info" testId="join-already-member">
      <div>{error.message}</div>
      {transfer && (
        <>
          <Button block variant="primary" onClick={() => navigate(`/transfer?to=${orgId}`)} testId="join-go-transfer">
            申请会员接转
          </Button>
          <Button block onClick={() => navigate('/join/resume')} testId="join-go-resume">
            用手机号找回已提交的申请
          </Button>
        </>
      )}
    </Notice>
  );
}

function JoinForm({ union }: { union: PublicUnion }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm(INITIAL, validate);
  const [error, setError] = useState<unknown>(null);
  /** A 409: already a member (here, or elsewhere: then a transfer), an application is pending, or the notice changed. */
  const [conflict, setConflict] = useState<ApiError | null>(null);

  const onSent = useCallback(({ tenantId, trackingCode }: Tracking) => navigate(`/join/status/${tenantId}/${trackingCode}`, { state: { submitted: true } }), [navigate]);
  const outbox = useOutbox<JoinInput, Tracking>(`join:${union.id}`, join, onSent);

  const showError = useCallback(
    async (err: unknown) => {
      // Its field issue is a code for this page, not a reason to show on the field.
      if (err instanceof ApiError && err.status === 409) {
        setConflict(err);
        if (err.fields.some((f) => f.field === 'consentVersion')) {
          // The notice changed since the page loaded: show the new one, to be agreed to afresh.
          form.setValues((v) => ({ ...v, consent: false, sensitiveConsent: false }));
          await queryClient.invalidateQueries({ queryKey: ['public', 'union', union.id] });
        }
      } else setError(form.placeServerErrors(err, FIELDS));
    },
    // form's setters are stable; placeServerErrors only sets state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryClient, union.id],
  );
  // A kept application the server refused once the connection came back: shown as if just submitted.
  useEffect(() => {
    if (outbox.failed) void showError(outbox.failed);
  }, [outbox.failed, showError]);

  // The answer shows above the form, out of sight of the submit button: bring it into view.
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict || error || outbox.pending) top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [conflict, error, outbox.pending]);

  const onSubmit = async () => {
    setError(null);
    setConflict(null);
    if (!form.check()) return;
    const v = form.values;
    try {
      await outbox.submit({
        orgId: union.id,
        name: v.name.trim(),
        residentId: v.residentId.trim(),
        phone: v.phone.trim(),
        consent: v.consent,
        sensitiveConsent: v.sensitiveConsent,
        consentVersion: union.privacyNotice.version,
        ...employmentBody(v),
      });
    } catch (err) {
      await showError(err);
    }
  };

  const { values, errors, set } = form;
  return (
    <>
      <div ref={top} />
      {outbox.pending ? (
        <WaitingToSend outbox={outbox} what={`${outbox.pending.body.name} 的入会申请`} testId="join" />
      ) : conflict ? (
        <AlreadyMember error={conflict} orgId={union.id} />
      ) : (
        error !== null && (
          <Notice kind="error" testId="join-error">
            {errorMessage(error)}
          </Notice>
        )
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
        id="join-form"
      >
        <div className="ph-section-title">本人信息</div>
        <Card>
          <TextInput label="姓名" value={values.name} onChange={(v) => set('name', v)} error={errors.name} placeholder="与身份证一致" maxLength={30} autoComplete="name" testId="join-name" />
          <IdInput label="身份证号" value={values.residentId} onChange={(v) => set('residentId', v)} error={errors.residentId} placeholder="18 位居民身份证号" testId="join-resident-id" />
          <MobileInput label="手机号" value={values.phone} onChange={(v) => set('phone', v)} error={errors.phone} placeholder="用于接收审核结果和办理接转" testId="join-phone" />
        </Card>
        <div className="ph-section-title">工作情况</div>
        <Card>
          <EmploymentFields values={values} errors={errors} set={set} choices={publicEmploymentChoices(union.employmentForms)} />
        </Card>
        <div className="ph-section-title">{union.privacyNotice.title}</div>
        <Card>
          <PrivacyNotice notice={union.privacyNotice} />
          <Checkbox checked={values.consent} onChange={(v) => set('consent', v)} error={errors.consent} testId="join-consent">
            {union.privacyNotice.consentLabel}
          </Checkbox>
          <Checkbox checked={values.sensitiveConsent} onChange={(v) => set('sensitiveConsent', v)} error={errors.sensitiveConsent} testId="join-sensitive-consent">
            {union.privacyNotice.sensitiveConsentLabel}
          </Checkbox>
        </Card>
      </form>
    </>
  );
}

/** Joint and platform unions nearby, for gig workers whose employer has no union. */
function Alternatives({ union }: { union: PublicUnion }) {
  const others = union.alternatives.filter((a) => a.id !== union.id);
  if (others.length === 0) return null;
  return (
    <Card title="没有所在单位工会？可加入" testId="join-alternatives">
      <div className="ph-muted">快递员、外卖配送员、网约车司机、货车司机等，可以加入所在地的联合工会或平台工会。</div>
      <List>
        {others.map((a) => (
          <ListItem key={a.id} to={`/join/${a.id}`} description={UNION_TYPES[a.type] ?? ''}>
            {a.name}
          </ListItem>
        ))}
      </List>
    </Card>
  );
}

/** The submit button in the bar stuck to the bottom: in reach of the thumb wherever the form is scrolled. */
function SubmitBar() {
  return (
    <Button type="submit" form="join-form" block variant="primary" size="large" testId="join-submit">
      提交入会申请
    </Button>
  );
}

/** 一键入会: the page a union's QR code opens. */
export function JoinPage() {
  const orgId = Number(useParams().orgId);
  const valid = Number.isSafeInteger(orgId) && orgId > 0;
  const union = useQuery({ queryKey: ['public', 'union', orgId], queryFn: () => fetchUnion(orgId), enabled: valid, retry: false });
  const ready = valid && union.data !== undefined;

  return (
    <PhonePage title="申请加入工会" footer={ready ? <SubmitBar /> : undefined}>
      {!valid ? (
        <LoadError error={new ApiError(404, 'NOT_FOUND', '', '')} notFound="入会链接不完整，请重新扫描工会的入会二维码。" />
      ) : union.isPending ? (
        <Loading />
      ) : union.error ? (
        <LoadError error={union.error} notFound="该工会不存在或暂不接受线上入会，请向工会工作人员索取正确的入会二维码。" onRetry={() => union.refetch()} />
      ) : (
        <>
          <Card>
            <div className="ph-muted">申请加入</div>
            <div className="ph-union-name" data-testid="join-union-name">
              {union.data.name}
            </div>
          </Card>
          <JoinForm key={union.data.id} union={union.data} />
          <Alternatives union={union.data} />
          <div className="ph-page-foot">
            已是其他工会会员？<Link to={`/transfer?to=${union.data.id}`}>申请会员接转</Link>
            <br />
            已提交过申请？<Link to="/join/resume">用手机号查看进度</Link>
          </div>
        </>
      )}
    </PhonePage>
  );
}
