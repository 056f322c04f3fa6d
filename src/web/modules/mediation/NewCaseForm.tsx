import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import { claimsOf, ClaimFields, type ClaimValues } from './ClaimFields';
import { useCreateCase, useMediationMeta, useStudios } from './hooks';

interface CaseValues {
  studioId: number;
  source: string;
  subject: string;
  facts: string;
  enterpriseName: string;
  enterpriseCreditCode?: string;
  workers: { name: string; phone?: string; isMember?: boolean }[];
  claims: ClaimValues[];
  receivedOn: Dayjs;
  court?: { name?: string; caseNo?: string; dueOn?: Dayjs };
  leadMemberId?: number;
}

const COURT_SOURCES = ['court_pre_filing', 'court_post_filing'];

/** 转调解: the risk signal a case is opened from, as its page shows it (the enterprise is the signal's, fixed). */
export interface SourceSignal {
  id: number;
  enterpriseName: string;
  creditCode: string;
  description: string;
}

/**
 * 受理案件 at a studio the user works at: the parties, the claims and, for the court's cases, its number and
 * deadline. From a risk signal, the source is the warning and the enterprise the signal's.
 */
export function NewCaseModal({ open, onClose, onCreated, signal }: { open: boolean; onClose: () => void; onCreated: (id: number) => void; signal?: SourceSignal }) {
  const { message } = App.useApp();
  const studios = useOpenableStudios();
  const create = useCreateCase();
  const fromSignal = signal ? { source: 'early_warning', enterpriseName: signal.enterpriseName, enterpriseCreditCode: signal.creditCode, facts: signal.description } : { source: 'consultation' };

  return (
    <FormModal<CaseValues>
      open={open}
      title={signal ? '转调解：受理案件' : '受理案件'}
      okText="受理"
      width={760}
      initialValues={{ studioId: studios[0]?.id, ...fromSignal, workers: [{ name: '' }], claims: [{ type: 'wages' }], receivedOn: today() }}
      onClose={onClose}
      onSubmit={async ({ receivedOn, court, claims, workers, enterpriseCreditCode, ...fields }) => {
        const created = await create.mutateAsync({
          ...fields,
          source: fields.source as never,
          signalId: signal?.id ?? null,
          enterpriseCreditCode: enterpriseCreditCode?.trim() || null,
          workers: workers.map((w) => ({ name: w.name, phone: w.phone?.trim() || null, isMember: w.isMember ?? false })),
          claims: claimsOf(claims),
          receivedOn: receivedOn.format(DATE_FORMAT),
          court: COURT_SOURCES.includes(fields.source) && court ? { name: court.name ?? '', caseNo: court.caseNo ?? '', dueOn: court.dueOn?.format(DATE_FORMAT) ?? '' } : null,
        });
        message.success(`已受理，调解期限 ${created.deadline?.dueOn ?? ''}`);
        onCreated(created.id);
      }}
    >
      <CaseFields fromSignal={Boolean(signal)} />
    </FormModal>
  );
}

/** The studios where the user may open cases: those they keep or sit on the team of. */
export const useOpenableStudios = () => (useStudios().data ?? []).filter((s) => s.active && (s.canManage || s.myRole !== null));

/** The form's fields; the court's and the lead's follow the chosen source and studio; a signal's case keeps its source and enterprise. */
function CaseFields({ fromSignal }: { fromSignal: boolean }) {
  const meta = useMediationMeta().data;
  const studios = useOpenableStudios();
  const form = Form.useFormInstance<CaseValues>();
  const studioId = Form.useWatch('studioId', form);
  const source = Form.useWatch('source', form);
  const team = (studios.find((s) => s.id === studioId)?.members ?? []).filter((m) => m.active && m.userId !== null);
  return (
    <>
      <Flex gap={12} wrap>
        <Form.Item name="studioId" label="调解工作室" rules={[{ required: true, message: '请选择工作室' }]} style={{ flex: 1, minWidth: 240 }}>
          <Select options={studios.map((s) => ({ value: s.id, label: s.name }))} data-testid="case-studio" />
        </Form.Item>
        <Form.Item name="source" label="案件来源" rules={[{ required: true, message: '请选择来源' }]} style={{ width: 200 }}>
          <Select disabled={fromSignal} options={meta?.sources.map((s) => ({ value: s.code, label: s.label })) ?? []} data-testid="case-source" />
        </Form.Item>
        <Form.Item name="receivedOn" label="受理日期" rules={[{ required: true, message: '请选择受理日期' }]} extra="15 日调解期限从次日起算" style={{ width: 170 }}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="case-received" />
        </Form.Item>
      </Flex>
      {COURT_SOURCES.includes(source) && (
        <Flex gap={12} wrap>
          <Form.Item name={['court', 'name']} label="法院" rules={[{ required: true, message: '请填写法院' }]} style={{ width: 180 }}>
            <Input maxLength={50} placeholder="平湖市人民法院" data-testid="case-court-name" />
          </Form.Item>
          <Form.Item name={['court', 'caseNo']} label="法院案号" rules={[{ required: true, message: '请填写法院案号' }]} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={50} placeholder="（2026）浙0482民诉前调123号" data-testid="case-court-no" />
          </Form.Item>
          <Form.Item name={['court', 'dueOn']} label="法院要求的调解期限" rules={[{ required: true, message: '请选择期限' }]} style={{ width: 170 }}>
            <DatePicker style={{ width: '100%' }} data-testid="case-court-due" />
          </Form.Item>
        </Flex>
      )}
      <Form.Item name="subject" label="案由" rules={[{ required: true, whitespace: true, message: '请填写案由' }]}>
        <Input maxLength={100} placeholder="如：8 名外卖骑手追索拖欠的配送费" data-testid="case-subject" />
      </Form.Item>
      <Form.Item name="facts" label="事实经过" rules={[{ required: true, whitespace: true, message: '请填写事实经过' }]}>
        <Input.TextArea rows={3} maxLength={4000} showCount data-testid="case-facts" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="enterpriseName" label="用人单位" rules={[{ required: true, whitespace: true, message: '请填写用人单位' }]} style={{ flex: 1, minWidth: 240 }}>
          <Input maxLength={100} disabled={fromSignal} data-testid="case-enterprise" />
        </Form.Item>
        <Form.Item name="enterpriseCreditCode" label="统一社会信用代码" style={{ width: 240 }}>
          <Input maxLength={18} disabled={fromSignal} data-testid="case-credit-code" />
        </Form.Item>
      </Flex>
      <Form.Item label="职工当事人" required>
        <Form.List name="workers">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid="worker-line">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ width: 140, marginBottom: 8 }}>
                    <Input maxLength={50} placeholder="姓名" data-testid="worker-name" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} style={{ width: 160, marginBottom: 8 }}>
                    <Input maxLength={20} placeholder="手机号" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'isMember']} valuePropName="checked" style={{ marginBottom: 8 }}>
                    <Checkbox>工会会员</Checkbox>
                  </Form.Item>
                  {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="删除这名职工" />}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} data-testid="worker-add">
                添加职工
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label="诉求" required>
        <ClaimFields />
      </Form.Item>
      <Form.Item name="leadMemberId" label="主办调解员" extra="不选时，由受理的调解员本人主办；由工会工作人员受理的，等团队成员认领">
        <Select allowClear options={team.map((m) => ({ value: m.id, label: `${m.name}（${m.roleLabel}）` }))} data-testid="case-lead" />
      </Form.Item>
    </>
  );
}
