import { App, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import type { EnterpriseDetail, SignalDetail, SignalInput } from './api';
import { useAddVisit, useCreateEnterprise, useCreateSignal, useEnterprisesMeta, useSavePlan, useUpdateEnterprise, useUpdateSignal } from './hooks';
import { toFen } from './shared';

/**
 * The forms of 一企一策: an enterprise, a signal, a visit (which may raise a
 * signal) and a revision of the plan. Field names are the server's, so its
 * field errors land beside them.
 */

const notFuture = (d: Dayjs) => d.isAfter(today(), 'day');
const required = (message: string) => [{ required: true, whitespace: true, message }];

interface EnterpriseValues {
  orgId: number;
  name: string;
  creditCode: string;
  industry?: string;
  address?: string;
  employeeCount?: number | null;
  contactName?: string;
  contactPhone?: string;
  hasUnion?: boolean;
}

/** 登记 or 修改 an enterprise. */
export function EnterpriseFormModal({ enterprise, open, onClose, onCreated }: { enterprise: EnterpriseDetail | null; open: boolean; onClose: () => void; onCreated?: (id: number) => void }) {
  const { message } = App.useApp();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise();
  const initialValues: Partial<EnterpriseValues> = enterprise
    ? {
        orgId: enterprise.orgId,
        name: enterprise.name,
        creditCode: enterprise.creditCode,
        industry: enterprise.industry ?? '',
        address: enterprise.address ?? '',
        employeeCount: enterprise.employeeCount,
        contactName: enterprise.contactName ?? '',
        contactPhone: enterprise.contactPhone ?? '',
        hasUnion: enterprise.hasUnion,
      }
    : { hasUnion: false };
  return (
    <FormModal<EnterpriseValues>
      open={open}
      title={enterprise ? `修改企业：${enterprise.name}` : '登记企业'}
      okText={enterprise ? '保存' : '登记'}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async (values) => {
        const input = { ...values, hasUnion: values.hasUnion ?? false, employeeCount: values.employeeCount ?? null };
        if (enterprise) {
          await update.mutateAsync({ ...input, id: enterprise.id, version: enterprise.version });
          message.success('已保存');
        } else {
          const created = await create.mutateAsync(input);
          message.success(`已登记「${created.name}」`);
          onCreated?.(created.id);
        }
      }}
    >
      <Form.Item name="orgId" label="负责的工会" extra="镇街工会或联合工会" rules={[{ required: true, message: '请选择负责的工会' }]}>
        <OrgTreeSelect valueLabel={enterprise?.orgName} data-testid="enterprise-org" />
      </Form.Item>
      <Form.Item name="name" label="企业名称" rules={required('请填写企业名称')}>
        <Input maxLength={100} data-testid="enterprise-name" />
      </Form.Item>
      <Form.Item name="creditCode" label="统一社会信用代码" rules={required('请填写统一社会信用代码')}>
        <Input maxLength={18} style={{ maxWidth: 260 }} data-testid="enterprise-code" />
      </Form.Item>
      <Form.Item name="industry" label="行业">
        <Input maxLength={50} placeholder="如：服装加工" />
      </Form.Item>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="employeeCount" label="职工人数">
        <InputNumber min={0} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="contactName" label="联系人">
        <Input maxLength={50} style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" extra="手机号">
        <Input maxLength={20} style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="hasUnion" valuePropName="checked">
        <Checkbox>已建会</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

interface FactsValues {
  kind: SignalInput['kind'];
  level: SignalInput['level'];
  description: string;
  workersAffected: number;
  amountYuan?: number | null;
}

/** A signal's facts: the same fields when recorded, corrected, or found on a visit. */
function SignalFacts({ prefix = [] }: { prefix?: string[] }) {
  const meta = useEnterprisesMeta().data;
  const name = (field: string) => [...prefix, field];
  return (
    <>
      <Form.Item name={name('kind')} label="风险类型" rules={[{ required: true, message: '请选择风险类型' }]}>
        <Select options={meta?.kinds.map((k) => ({ value: k.code, label: k.label }))} style={{ maxWidth: 220 }} data-testid="signal-kind" />
      </Form.Item>
      <Form.Item name={name('level')} label="预警等级" rules={[{ required: true, message: '请选择预警等级' }]}>
        <Select options={meta?.levels.map((k) => ({ value: k.code, label: k.label }))} style={{ maxWidth: 220 }} data-testid="signal-level" />
      </Form.Item>
      <Form.Item name={name('description')} label="发现的情况" rules={required('请写明发现的情况')}>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="signal-description" />
      </Form.Item>
      <Form.Item name={name('workersAffected')} label="涉及职工人数" rules={[{ required: true, message: '请填写涉及职工人数' }]}>
        <InputNumber min={0} precision={0} style={{ width: 160 }} data-testid="signal-workers" />
      </Form.Item>
      <Form.Item name={name('amountYuan')} label="涉及金额（元）" extra="欠薪、欠缴社保等有金额的填写">
        <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="signal-amount" />
      </Form.Item>
    </>
  );
}

const factsOf = ({ amountYuan, ...facts }: FactsValues) => ({ ...facts, amountFen: toFen(amountYuan) });

/** 登记 or 修改 a signal. */
export function SignalFormModal({ enterpriseId, signal, open, onClose }: { enterpriseId: number; signal: SignalDetail | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const meta = useEnterprisesMeta().data;
  const create = useCreateSignal();
  const update = useUpdateSignal();
  type Values = FactsValues & { source: SignalInput['source']; reportedOn: Dayjs };
  const initialValues: Partial<Values> = signal
    ? { kind: signal.kind, level: signal.level, source: signal.source, description: signal.description, workersAffected: signal.workersAffected, amountYuan: signal.amountFen == null ? null : signal.amountFen / 100, reportedOn: dayjs(signal.reportedOn) }
    : { reportedOn: today() };
  return (
    <FormModal<Values>
      open={open}
      title={signal ? '修改预警' : '登记风险预警'}
      okText={signal ? '保存' : '登记'}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async ({ source, reportedOn, ...facts }) => {
        const input = { ...factsOf(facts), source, reportedOn: reportedOn.format(DATE_FORMAT) };
        if (signal) await update.mutateAsync({ ...input, id: signal.id, version: signal.version });
        else await create.mutateAsync({ ...input, enterpriseId });
        message.success(signal ? '已保存' : '已登记预警；红色预警已通知领导');
      }}
    >
      <SignalFacts />
      <Form.Item name="source" label="信息来源" rules={[{ required: true, message: '请选择信息来源' }]}>
        <Select options={meta?.sources.map((k) => ({ value: k.code, label: k.label }))} style={{ maxWidth: 220 }} data-testid="signal-source" />
      </Form.Item>
      <Form.Item name="reportedOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
        <DatePicker disabledDate={notFuture} />
      </Form.Item>
    </FormModal>
  );
}

/** 记录主动访查, optionally with the risk found there. */
export function VisitFormModal({ enterpriseId, open, onClose }: { enterpriseId: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const add = useAddVisit();
  type Values = { visitedOn: Dayjs; visitors: string; findings: string; raise?: boolean; signal?: FactsValues };
  return (
    <FormModal<Values>
      open={open}
      title="记录主动访查"
      okText="记录"
      initialValues={{ visitedOn: today(), raise: false }}
      onClose={onClose}
      onSubmit={async ({ visitedOn, raise, signal, ...visit }) => {
        await add.mutateAsync({ ...visit, id: enterpriseId, visitedOn: visitedOn.format(DATE_FORMAT), signal: raise && signal ? factsOf(signal) : null });
        message.success(raise ? '已记录访查并登记预警' : '已记录访查');
      }}
    >
      <Form.Item name="visitedOn" label="访查日期" rules={[{ required: true, message: '请选择访查日期' }]}>
        <DatePicker disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="visitors" label="访查人员" rules={required('请填写访查人员')}>
        <Input maxLength={200} placeholder="如：当湖连心舱 舱长 曾育、律师 李华" data-testid="visit-visitors" />
      </Form.Item>
      <Form.Item name="findings" label="访查发现" rules={required('请写明访查发现')}>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="visit-findings" />
      </Form.Item>
      <Form.Item name="raise" valuePropName="checked">
        <Checkbox data-testid="visit-raise">发现风险，登记为预警</Checkbox>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.raise !== b.raise}>{({ getFieldValue }) => getFieldValue('raise') && <SignalFacts prefix={['signal']} />}</Form.Item>
    </FormModal>
  );
}

/** 制定 or 修订 the plan, from its current revision. */
export function PlanFormModal({ enterprise, open, onClose }: { enterprise: EnterpriseDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const save = useSavePlan();
  const current = enterprise.plan[0];
  type Values = { summary: string; measures: string; responsiblePerson: string };
  return (
    <FormModal<Values>
      open={open}
      title={current ? `修订一企一策（第 ${current.revision + 1} 版）` : '制定一企一策'}
      initialValues={current ? { summary: current.summary, measures: current.measures, responsiblePerson: current.responsiblePerson } : undefined}
      onClose={onClose}
      onSubmit={async (values) => {
        await save.mutateAsync({ ...values, id: enterprise.id, basedOn: current?.revision ?? 0 });
        message.success('已保存，之前的版本保留在修订记录中');
      }}
    >
      <Form.Item name="summary" label="企业情况与工作思路" rules={required('请写明企业情况和工作思路')}>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="plan-summary" />
      </Form.Item>
      <Form.Item name="measures" label="具体措施" rules={required('请写明具体措施')}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="plan-measures" />
      </Form.Item>
      <Form.Item name="responsiblePerson" label="责任人" rules={required('请填写责任人')}>
        <Input maxLength={50} style={{ maxWidth: 260 }} data-testid="plan-responsible" />
      </Form.Item>
    </FormModal>
  );
}
