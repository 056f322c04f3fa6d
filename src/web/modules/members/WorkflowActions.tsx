import { Alert, App, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormModal } from '../../components/FormModal';
import { errorMessage } from '../../lib/api';
import { DATE_FORMAT, dayjs, today } from '../../lib/time';
import type { AllowedAction } from './api';
import { type ActionTarget, useAct } from './hooks';
import { DESTRUCTIVE_STATES } from './shared';

type InputValues = Record<string, string | Dayjs | undefined>;

const reasonField = (label = '原因') => (
  <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, min: 2, message: '请填写原因（至少 2 个字）' }, { max: 500 }]}>
    <Input.TextArea rows={3} showCount maxLength={500} data-testid="action-input-reason" />
  </Form.Item>
);

const noteField = (
  <Form.Item name="note" label="备注" rules={[{ max: 500 }]}>
    <Input.TextArea rows={2} maxLength={500} />
  </Form.Item>
);

const notFuture = (d: Dayjs) => d.isAfter(today(), 'day');

/**
 * The input each action needs, named as the server's schema names it so that
 * its field errors land on the right field. Unknown actions that need input
 * are asked for a reason, the input most actions take.
 */
const INPUT_FORMS: Record<string, { fields: ReactNode; initial?: InputValues; warning?: string }> = {
  retain: {
    fields: (
      <>
        <Form.Item name="cause" label="保留原因" rules={[{ required: true, message: '请选择保留会籍的原因' }]}>
          <Select
            data-testid="action-input-cause"
            options={[
              { value: 'retired', label: '退休' },
              { value: 'laid_off', label: '下岗失业' },
              { value: 'other', label: '其他' },
            ]}
          />
        </Form.Item>
        {noteField}
      </>
    ),
  },
  withdraw: {
    fields: (
      <>
        <Form.Item name="requestedOn" label="本人申请日期" rules={[{ required: true, message: '请选择申请日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        {noteField}
      </>
    ),
    initial: { requestedOn: today() },
    warning: '退会后会籍终止，不能恢复；如再入会须重新申请，会龄重新计算。',
  },
  expel: {
    fields: (
      <>
        <Form.Item name="decisionNo" label="决定文号" rules={[{ required: true, whitespace: true, message: '请填写决定文号' }, { max: 100 }]}>
          <Input placeholder="如：平工发〔2026〕12号" />
        </Form.Item>
        <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        {reasonField('开除原因')}
      </>
    ),
    warning: '开除会籍须经会员大会或会员代表大会讨论决定，并报上一级工会备案。此操作不能撤销。',
  },
};

/** Form values as the action's input: dates as YYYY-MM-DD, blanks left out. */
const toInput = (values: InputValues) =>
  Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) => {
      if (value === undefined || value === null || value === '') return [];
      return [[key, dayjs.isDayjs(value) ? value.format(DATE_FORMAT) : typeof value === 'string' ? value.trim() : value]];
    }),
  );

interface WorkflowActionsProps {
  target: ActionTarget;
  id: number;
  /** Exactly the record's `allowedActions`: the server decides what may be done. */
  actions: AllowedAction[];
  /** Who or what the record is, for the confirmation questions. */
  subject: string;
  /** After an action succeeded. */
  onDone?: () => void;
  size?: 'small' | 'middle';
}

/** One button per allowed action; those needing input open a small form, destructive ones ask first. */
export function WorkflowActions({ target, id, actions, subject, onDone, size = 'middle' }: WorkflowActionsProps) {
  const { message } = App.useApp();
  const act = useAct(target);
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const fire = async (action: AllowedAction, input?: unknown) => {
    await act.mutateAsync({ id, action: action.action, ...(input === undefined ? {} : { input }) });
    message.success(`已办理：${action.label}`);
    onDone?.();
  };

  const fireNow = async (action: AllowedAction) => {
    setRunning(action.action);
    try {
      await fire(action);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRunning(null);
    }
  };

  const form = asking ? (INPUT_FORMS[asking.action] ?? { fields: reasonField() }) : null;

  return (
    <>
      {/* In a table row the buttons stay on one line: wrapping would push them under the fixed column. */}
      <Flex gap={8} wrap={size !== 'small'}>
        {actions.map((action) => {
          const destructive = DESTRUCTIVE_STATES.has(action.to);
          if (action.needsInput) {
            return (
              <Button key={action.action} size={size} danger={destructive} data-testid={`action-${action.action}`} onClick={() => setAsking(action)}>
                {action.label}
              </Button>
            );
          }
          if (destructive) {
            return (
              <ConfirmButton
                key={action.action}
                size={size}
                danger
                data-testid={`action-${action.action}`}
                title={`确定对「${subject}」${action.label}？`}
                okText={action.label}
                onConfirm={() => fire(action)}
              >
                {action.label}
              </ConfirmButton>
            );
          }
          return (
            <Button
              key={action.action}
              size={size}
              type="primary"
              data-testid={`action-${action.action}`}
              loading={running === action.action}
              onClick={() => fireNow(action)}
            >
              {action.label}
            </Button>
          );
        })}
      </Flex>
      <FormModal<InputValues>
        open={asking !== null}
        title={asking ? `${asking.label}：${subject}` : ''}
        okText={asking?.label ?? '确定'}
        initialValues={form?.initial}
        onClose={() => setAsking(null)}
        onSubmit={(values) => fire(asking!, toInput(values))}
      >
        {form?.warning && <Alert type="warning" showIcon title={form.warning} style={{ marginBottom: 16 }} />}
        {form?.fields}
      </FormModal>
    </>
  );
}
