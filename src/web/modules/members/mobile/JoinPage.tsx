import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Collapse, Form, Input, List } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../lib/api';
import { fetchUnion, join, type PublicUnion } from './api';
import { EMPLOYMENT_FIELDS, EmploymentFields, employmentOf, LoadError, Loading, MobileShell, Notice, useServerErrors } from './shared';

interface JoinValues {
  name: string;
  residentId: string;
  phone: string;
  employmentForm: string;
  employerName?: string;
  employerCreditCode?: string;
  platformName?: string;
  consent: boolean;
}

const FIELDS = ['name', 'residentId', 'phone', 'consent', ...EMPLOYMENT_FIELDS];

const UNION_TYPES: Record<string, string> = { grassroots: '基层工会', joint: '联合工会', platform: '平台工会' };

/** 个人信息处理规则 (PIPL art. 14, 17, 29): what, why, who sees it, how long. */
function PrivacyNotice({ union }: { union: PublicUnion }) {
  return (
    <dl className="lxm-notice" data-testid="join-privacy">
      <dt>收集哪些信息</dt>
      <dd>姓名、身份证号、手机号、就业形态，以及工作单位或所在平台、单位统一社会信用代码。身份证号属于敏感个人信息。</dd>
      <dt>为什么收集</dt>
      <dd>
        仅用于办理入会、会籍管理和会员接转，以及工会向您提供服务与联系。身份证号用于核实身份、确认您未在其他工会重复入会；出生日期与性别由身份证号得出。
      </dd>
      <dt>谁能看到</dt>
      <dd>
        「{union.name}」及其上级工会中负责会员工作的工作人员，只在各自管辖范围内查看。身份证号加密保存，页面上只显示部分号码；工作人员查看完整号码须单独操作，并记入审计日志。除法律法规另有规定外，不向工会以外的任何单位或个人提供。
      </dd>
      <dt>保存多久</dt>
      <dd>会籍存续期间保存；会籍终止或入会申请未获批准的，按工会会员档案管理规定的期限保存，期满后删除或匿名化处理。</dd>
      <dt>您的权利</dt>
      <dd>您可以向所在工会查询、更正您的个人信息，也可以撤回同意；撤回同意不影响此前已办理事项的效力，但工会将无法继续为您办理入会。</dd>
      <dd style={{ color: '#8c8c8c', marginTop: 8 }}>规则版本：{union.consentVersion}</dd>
    </dl>
  );
}

/** The 409 that says this person is a member already: of this union, or of another (then a transfer is the way). */
function AlreadyMember({ error, orgId }: { error: ApiError; orgId: number }) {
  const navigate = useNavigate();
  const transfer = error.fields.some((f) => f.reason === 'TRANSFER_INSTEAD');
  return (
    <Notice kind={transfer ? 'info' : 'warning'} testId="join-already-member">
      <div>{error.message}</div>
      {transfer && (
        <Button block color="primary" onClick={() => navigate(`/transfer?to=${orgId}`)} data-testid="join-go-transfer">
          申请会员接转
        </Button>
      )}
    </Notice>
  );
}

function JoinForm({ union }: { union: PublicUnion }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<JoinValues>();
  const errors = useServerErrors(form, FIELDS);
  const submit = useMutation({ mutationFn: join });
  /** A 409: already a member (here, or elsewhere: then a transfer), or an application is pending. */
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
        ...employmentOf(values),
      });
      navigate(`/join/status/${tenantId}/${trackingCode}`, { state: { submitted: true } });
    } catch (err) {
      // Its field issue is a code for this page, not a reason to show on the field.
      if (err instanceof ApiError && err.status === 409) setConflict(err);
      else errors.report(err);
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
        <Form.Header>个人信息处理规则</Form.Header>
        <Collapse defaultActiveKey={['notice']}>
          <Collapse.Panel key="notice" title="请阅读：我们如何处理您的个人信息">
            <PrivacyNotice union={union} />
          </Collapse.Panel>
        </Collapse>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[{ validator: (_, value) => (value ? Promise.resolve() : Promise.reject(new Error('请阅读并同意个人信息处理规则'))) }]}
        >
          <Checkbox data-testid="join-consent">我已阅读并同意上述个人信息处理规则</Checkbox>
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
          </div>
        </>
      )}
    </MobileShell>
  );
}
