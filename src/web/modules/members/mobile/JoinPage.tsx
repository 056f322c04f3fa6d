import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Collapse, Form, Input, List } from 'antd-mobile';
import { Fragment, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../lib/api';
import { employmentOf } from '../employment';
import { fetchUnion, join, type JoinInput, type PrivacyNotice as PrivacyNoticeText, type PublicUnion } from './api';
import { EMPLOYMENT_FIELDS, EmploymentFields, LoadError, Loading, MobileShell, Notice, useServerErrors } from './shared';

type JoinValues = Omit<JoinInput, 'orgId' | 'consentVersion'>;

const FIELDS = ['name', 'residentId', 'phone', 'consent', 'sensitiveConsent', ...EMPLOYMENT_FIELDS];

const UNION_TYPES: Record<string, string> = { grassroots: '基层工会', joint: '联合工会', platform: '平台工会' };

/** 入会个人信息处理规则, shown exactly as the server sends it (one text: members/privacy-notice.ts on the server). */
function PrivacyNotice({ notice }: { notice: PrivacyNoticeText }) {
  return (
    <dl className="lxm-notice" data-testid="join-privacy">
      {notice.sections.map((section) => (
        <Fragment key={section.heading}>
          <dt>{section.heading}</dt>
          {section.paragraphs.map((p) => (
            <dd key={p}>{p}</dd>
          ))}
        </Fragment>
      ))}
      <dd style={{ color: '#8c8c8c', marginTop: 8 }} data-testid="join-privacy-version">
        规则版本：{notice.version}
      </dd>
    </dl>
  );
}

const mustAgree = (message: string) => ({ validator: (_: unknown, value: unknown) => (value ? Promise.resolve() : Promise.reject(new Error(message))) });

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
          <Button block color="primary" onClick={() => navigate(`/transfer?to=${orgId}`)} data-testid="join-go-transfer">
            申请会员接转
          </Button>
          <Button block fill="outline" onClick={() => navigate('/join/resume')} style={{ marginTop: 8 }} data-testid="join-go-resume">
            用手机号找回已提交的申请
          </Button>
        </>
      )}
    </Notice>
  );
}

function JoinForm({ union }: { union: PublicUnion }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<JoinValues>();
  const errors = useServerErrors(form, FIELDS);
  const submit = useMutation({ mutationFn: join });
  const queryClient = useQueryClient();
  /** A 409: already a member (here, or elsewhere: then a transfer), an application is pending, or the notice changed. */
  const [conflict, setConflict] = useState<ApiError | null>(null);
  // The answer shows above the form, out of sight of the submit button: bring it into view.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict || errors.error) notice.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [conflict, errors.error]);

  const onFinish = async (values: JoinValues) => {
    errors.clear();
    setConflict(null);
    try {
      const { tenantId, trackingCode } = await submit.mutateAsync({
        orgId: union.id,
        name: values.name.trim(),
        residentId: values.residentId.trim(),
        phone: values.phone.trim(),
        consent: values.consent === true,
        sensitiveConsent: values.sensitiveConsent === true,
        consentVersion: union.privacyNotice.version,
        ...employmentOf(values),
      });
      navigate(`/join/status/${tenantId}/${trackingCode}`, { state: { submitted: true } });
    } catch (err) {
      // Its field issue is a code for this page, not a reason to show on the field.
      if (err instanceof ApiError && err.status === 409) {
        setConflict(err);
        if (err.fields.some((f) => f.field === 'consentVersion')) {
          // The notice changed since the page loaded: show the new one, to be agreed to afresh.
          form.setFieldsValue({ consent: false, sensitiveConsent: false });
          await queryClient.invalidateQueries({ queryKey: ['public', 'union', union.id] });
        }
      } else errors.report(err);
    }
  };

  return (
    <>
      <div ref={notice} />
      {conflict ? (
        <AlreadyMember error={conflict} orgId={union.id} />
      ) : (
        errors.error !== null && (
          <Notice kind="error" testId="join-error">
            {errorMessage(errors.error)}
          </Notice>
        )
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={onFinish}
        onFinishFailed={() => {
          errors.clear();
          setConflict(null);
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={submit.isPending} data-testid="join-submit">
            提交入会申请
          </Button>
        }
      >
        <Form.Header>本人信息</Form.Header>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 30 }]}>
          <Input placeholder="与身份证一致" clearable maxLength={30} autoComplete="name" data-testid="join-name" />
        </Form.Item>
        <Form.Item
          name="residentId"
          label="身份证号"
          rules={[
            { required: true, whitespace: true, message: '请填写身份证号' },
            { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '身份证号为 18 位，末位可能是 X' },
          ]}
        >
          <Input placeholder="18 位居民身份证号" clearable maxLength={18} autoComplete="off" data-testid="join-resident-id" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[
            { required: true, whitespace: true, message: '请填写手机号' },
            { pattern: /^\s*1\d{10}\s*$/, message: '请填写 11 位手机号' },
          ]}
        >
          <Input type="tel" placeholder="用于接收审核结果和办理接转" clearable maxLength={11} autoComplete="tel" data-testid="join-phone" />
        </Form.Item>
        <Form.Header>工作情况</Form.Header>
        <EmploymentFields />
        <Form.Header>{union.privacyNotice.title}</Form.Header>
        <Collapse defaultActiveKey={['notice']}>
          <Collapse.Panel key="notice" title="请阅读：我们如何处理您的个人信息">
            <PrivacyNotice notice={union.privacyNotice} />
          </Collapse.Panel>
        </Collapse>
        <Form.Item name="consent" valuePropName="checked" rules={[mustAgree('请阅读并同意个人信息处理规则')]}>
          <Checkbox data-testid="join-consent">{union.privacyNotice.consentLabel}</Checkbox>
        </Form.Item>
        {/* PIPL art. 29: the resident ID is sensitive and needs its own consent, not folded into the one above. */}
        <Form.Item name="sensitiveConsent" valuePropName="checked" rules={[mustAgree('在线入会须单独同意处理身份证号；不同意的，可到工会当面办理')]}>
          <Checkbox data-testid="join-sensitive-consent">{union.privacyNotice.sensitiveConsentLabel}</Checkbox>
        </Form.Item>
      </Form>
    </>
  );
}

/** Joint and platform unions nearby, for gig workers whose employer has no union. */
function Alternatives({ union }: { union: PublicUnion }) {
  const others = union.alternatives.filter((a) => a.id !== union.id);
  if (others.length === 0) return null;
  return (
    <div className="lxm-section" data-testid="join-alternatives">
      <div className="lxm-section-title">没有所在单位工会？可加入</div>
      <div className="lxm-hint">快递员、外卖配送员、网约车司机、货车司机等，可以加入所在地的联合工会或平台工会。</div>
      <List>
        {others.map((a) => (
          <List.Item key={a.id} description={UNION_TYPES[a.type] ?? ''} arrowIcon>
            <Link to={`/join/${a.id}`}>{a.name}</Link>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** 一键入会: the page a union's QR code opens. */
export function JoinPage() {
  const orgId = Number(useParams().orgId);
  const valid = Number.isSafeInteger(orgId) && orgId > 0;
  const union = useQuery({ queryKey: ['public', 'union', orgId], queryFn: () => fetchUnion(orgId), enabled: valid, retry: false });

  return (
    <MobileShell title="申请加入工会">
      {!valid ? (
        <LoadError error={new ApiError(404, 'NOT_FOUND', '', '')} notFound="入会链接不完整，请重新扫描工会的入会二维码。" />
      ) : union.isPending ? (
        <Loading />
      ) : union.error ? (
        <LoadError error={union.error} notFound="该工会不存在或暂不接受线上入会，请向工会工作人员索取正确的入会二维码。" onRetry={() => union.refetch()} />
      ) : (
        <>
          <div className="lxm-union">
            <div className="lxm-union-label">申请加入</div>
            <div className="lxm-union-name" data-testid="join-union-name">
              {union.data.name}
            </div>
          </div>
          <JoinForm key={union.data.id} union={union.data} />
          <Alternatives union={union.data} />
          <div className="lxm-footer">
            已是其他工会会员？<Link to={`/transfer?to=${union.data.id}`}>申请会员接转</Link>
            <br />
            已提交过申请？<Link to="/join/resume">用手机号查看进度</Link>
          </div>
        </>
      )}
    </MobileShell>
  );
}
