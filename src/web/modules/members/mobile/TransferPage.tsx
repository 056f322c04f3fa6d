import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, List, SearchBar, Switch, TextArea } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../../lib/api';
import { useDebouncedCallback } from '../../../lib/useDebouncedCallback';
import { type Employment, employmentOf } from '../employment';
import { fetchUnion, findUnions, requestTransfer } from './api';
import { EMPLOYMENT_FIELDS, EmploymentFields, Loading, MobileShell, Notice, useServerErrors } from './shared';

interface TransferValues {
  residentId: string;
  phone: string;
  reason?: string;
  updateEmployment?: boolean;
  employmentForm?: Employment['employmentForm'];
  employerName?: string;
  employerCreditCode?: string;
  platformName?: string;
}

const FIELDS = ['residentId', 'phone', 'reason', ...EMPLOYMENT_FIELDS];

/** Search the unions one may join, by name or pinyin. */
function UnionSearch({ onPick }: { onPick: (id: number) => void }) {
  const [term, setTerm] = useState('');
  const search = useDebouncedCallback((value: string) => setTerm(value.trim()), 300);
  const hits = useQuery({ queryKey: ['public', 'unions', term], queryFn: () => findUnions(term), enabled: term.length > 0, retry: false });

  return (
    <div data-testid="transfer-union-search">
      <div style={{ padding: '8px 12px' }}>
        <SearchBar placeholder="输入新单位工会名称查找" onChange={search} />
      </div>
      {term && hits.isPending && <Loading />}
      {hits.error && <div className="lxm-hint">{errorMessage(hits.error)}</div>}
      {hits.data && hits.data.length === 0 && <div className="lxm-hint">没有找到，请换个关键词，或向新单位工会索取入会二维码。</div>}
      {hits.data && hits.data.length > 0 && (
        <List>
          {hits.data.map((u) => (
            <List.Item key={u.id} description={u.parentName ?? undefined} onClick={() => onPick(u.id)} data-testid="transfer-union-hit">
              {u.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

/** The union to move to: from `?to=` (the new union's link or QR code), or searched for. */
function TargetUnion({ toOrgId, onChange }: { toOrgId: number | null; onChange: (id: number | null) => void }) {
  const union = useQuery({ queryKey: ['public', 'union', toOrgId], queryFn: () => fetchUnion(toOrgId!), enabled: toOrgId !== null, retry: false });

  if (toOrgId === null) {
    return (
      <div className="lxm-section">
        <div className="lxm-section-title">转入工会</div>
        <UnionSearch onPick={onChange} />
      </div>
    );
  }
  return (
    <div className="lxm-union">
      <div className="lxm-union-label">转入工会</div>
      {union.isPending ? (
        <Loading />
      ) : union.error ? (
        <div className="lxm-hint" style={{ padding: 0 }}>
          {union.error instanceof ApiError && union.error.status === 404 ? '该工会不存在或不接收会员，请重新选择。' : errorMessage(union.error)}
        </div>
      ) : (
        <div className="lxm-union-name" data-testid="transfer-union-name">
          {union.data.name}
        </div>
      )}
      <Button size="mini" fill="none" color="primary" style={{ padding: 0, marginTop: 6 }} onClick={() => onChange(null)}>
        更换
      </Button>
    </div>
  );
}

/** 会员接转 by the member: for a member who changed jobs, 会龄 continues at the new union. */
export function TransferPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const to = Number(params.get('to'));
  const toOrgId = Number.isSafeInteger(to) && to > 0 ? to : null;
  const [form] = Form.useForm<TransferValues>();
  const errors = useServerErrors(form, FIELDS);
  const submit = useMutation({ mutationFn: requestTransfer });

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

  const onFinish = async (values: TransferValues) => {
    errors.clear();
    if (!toOrgId) {
      errors.report(new ApiError(400, 'VALIDATION', '请先选择转入工会', 'Choose the union'));
      return;
    }
    try {
      const { tenantId, trackingCode } = await submit.mutateAsync({
        residentId: values.residentId.trim(),
        phone: values.phone.trim(),
        toOrgId,
        reason: values.reason?.trim() || undefined,
        employment: values.updateEmployment && values.employmentForm ? employmentOf({ ...values, employmentForm: values.employmentForm }) : undefined,
      });
      navigate(`/transfer/status/${tenantId}/${trackingCode}`, { state: { submitted: true } });
    } catch (err) {
      errors.report(err);
    }
  };

  const error = errors.error;
  // The answer shows above the form, out of sight of the submit button: bring it into view.
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) notice.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [error]);
  return (
    <MobileShell title="会员接转">
      <div className="lxm-hint" style={{ padding: '0 4px 12px' }}>
        已是工会会员、更换了工作单位的，无需重新入会：申请接转后，原工会同意转出、新工会接收，会籍随之转移，会龄连续计算。
      </div>
      <TargetUnion toOrgId={toOrgId} onChange={setTarget} />
      <div ref={notice} />
      {error !== null && (
        <Notice kind="error" testId="transfer-error">
          {error instanceof ApiError && error.status === 404
            ? '未找到与该身份证号和手机号相符的在册会籍。请核对身份证号，并填写入会时登记的手机号；如仍有问题，请联系原工会。'
            : errorMessage(error)}
        </Notice>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={onFinish}
        onFinishFailed={() => errors.clear()}
        footer={
          <Button block type="submit" color="primary" size="large" loading={submit.isPending} disabled={!toOrgId} data-testid="transfer-submit">
            提交接转申请
          </Button>
        }
      >
        <Form.Header>本人信息（与原工会登记的一致）</Form.Header>
        <Form.Item
          name="residentId"
          label="身份证号"
          rules={[
            { required: true, whitespace: true, message: '请填写身份证号' },
            { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '身份证号为 18 位，末位可能是 X' },
          ]}
        >
          <Input placeholder="18 位居民身份证号" clearable maxLength={18} autoComplete="off" data-testid="transfer-resident-id" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[
            { required: true, whitespace: true, message: '请填写手机号' },
            { pattern: /^\s*1\d{10}\s*$/, message: '请填写 11 位手机号' },
          ]}
        >
          <Input type="tel" placeholder="入会时登记的手机号" clearable maxLength={11} autoComplete="tel" data-testid="transfer-phone" />
        </Form.Item>
        <Form.Item name="reason" label="接转原因（选填）" rules={[{ max: 500 }]}>
          <TextArea placeholder="如：已到新单位工作" maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid="transfer-reason" />
        </Form.Item>
        <Form.Item name="updateEmployment" label="工作有变化" valuePropName="checked" childElementPosition="right" layout="horizontal">
          <Switch />
        </Form.Item>
        <Form.Item noStyle dependencies={['updateEmployment']}>{(f) => (f.getFieldValue('updateEmployment') ? <EmploymentFields prefix="transfer-" /> : null)}</Form.Item>
      </Form>
    </MobileShell>
  );
}
