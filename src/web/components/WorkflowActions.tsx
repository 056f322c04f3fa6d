import { Alert, App, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import type { allowedActions } from '../../server/http/schemas';
import { errorMessage } from '../lib/api';
import { DATE_FORMAT, dayjs, today } from '../lib/time';
import { ConfirmButton } from './ConfirmButton';
import { FormModal } from './FormModal';

/** A field of an action's input as the server describes it (JSON Schema with the engine's keywords). */
interface InputField {
  type?: string;
  title?: string;
  description?: string;
  enum?: string[];
  enumLabels?: Record<string, string>;
  format?: string;
  minLength?: number;
  maxLength?: number;
  notAfterToday?: boolean;
  defaultToday?: boolean;
}

/** An action the server allows the current user on a workflow record, with its form (server: platform/workflow/engine.ts). */
export type AllowedAction = z.input<typeof allowedActions>[number];

/** The action's input as the engine describes it: JSON Schema of an object. */
const inputOf = (action: AllowedAction) => action.input as { properties?: Record<string, InputField>; required?: string[] } | null;

type InputValues = Record<string, string | Dayjs | undefined>;

/** Form values as the action's input: dates as YYYY-MM-DD, blanks left out. */
const toInput = (values: InputValues) =>
  Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) => {
      if (value === undefined || value === null || value === '') return [];
      return [[key, dayjs.isDayjs(value) ? value.format(DATE_FORMAT) : typeof value === 'string' ? value.trim() : value]];
    }),
  );

const fieldsOf = (action: AllowedAction) => Object.entries(inputOf(action)?.properties ?? {});

/** One form item per field of the input schema, named as the server names it so that its field errors land there. */
function InputItem({ name, field, required }: { name: string; field: InputField; required: boolean }) {
  const label = field.title ?? name;
  const chosen = Boolean(field.enum) || field.format === 'date';
  const rules: Rule[] = [];
  // Typed text must not be blank. A choice or a date gets the bare rule: any other key makes antd check it as text.
  if (required) rules.push(chosen ? { required: true, message: `请选择${label}` } : { required: true, whitespace: true, message: `请填写${label}` });
  if (field.minLength) rules.push({ min: field.minLength, message: `${label}至少 ${field.minLength} 个字` });
  if (field.maxLength) rules.push({ max: field.maxLength });
  const testId = `action-input-${name}`;
  let control;
  if (field.enum) {
    control = <Select data-testid={testId} options={field.enum.map((value) => ({ value, label: field.enumLabels?.[value] ?? value }))} />;
  } else if (field.format === 'date') {
    control = <DatePicker style={{ width: '100%' }} data-testid={testId} disabledDate={field.notAfterToday ? (d: Dayjs) => d.isAfter(today(), 'day') : undefined} />;
  } else if ((field.maxLength ?? 0) > 100) {
    control = <Input.TextArea rows={3} showCount maxLength={field.maxLength} placeholder={field.description} data-testid={testId} />;
  } else {
    control = <Input maxLength={field.maxLength} placeholder={field.description} data-testid={testId} />;
  }
  return (
    <Form.Item name={name} label={label} rules={rules}>
      {control}
    </Form.Item>
  );
}

interface WorkflowActionsProps {
  /** Exactly the record's `allowedActions`: the server decides what may be done, and how it is asked for. */
  actions: AllowedAction[];
  /** Fire one; resolves when done. */
  onAct: (action: string, input?: Record<string, unknown>) => Promise<unknown>;
  /** Who or what the record is, for the confirmation questions. */
  subject: string;
  /** After an action succeeded. */
  onDone?: () => void;
  size?: 'small' | 'middle';
}

/**
 * One button per allowed action, for every workflow: an action with input
 * opens its form (rendered from the server's JSON Schema, the warning above
 * it), a destructive one asks first, the others fire at once.
 */
export function WorkflowActions({ actions, onAct, subject, onDone, size = 'middle' }: WorkflowActionsProps) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const fire = async (action: AllowedAction, input?: Record<string, unknown>) => {
    await onAct(action.action, input);
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

  const initialValues = asking ? Object.fromEntries(fieldsOf(asking).flatMap(([name, field]) => (field.defaultToday ? [[name, today()]] : []))) : undefined;

  return (
    <>
      {/* In a table row the buttons stay on one line: wrapping would push them under the fixed column. */}
      <Flex gap={8} wrap={size !== 'small'}>
        {actions.map((action) => {
          if (action.input) {
            return (
              <Button key={action.action} size={size} danger={action.destructive} data-testid={`action-${action.action}`} onClick={() => setAsking(action)}>
                {action.label}
              </Button>
            );
          }
          if (action.destructive) {
            return (
              <ConfirmButton
                key={action.action}
                size={size}
                danger
                data-testid={`action-${action.action}`}
                title={`确定对「${subject}」${action.label}？`}
                description={action.warning ?? undefined}
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
        initialValues={initialValues}
        onClose={() => setAsking(null)}
        onSubmit={(values) => fire(asking!, toInput(values))}
      >
        {asking?.warning && <Alert type="warning" showIcon title={asking.warning} style={{ marginBottom: 16 }} />}
        {asking && fieldsOf(asking).map(([name, field]) => <InputItem key={name} name={name} field={field} required={inputOf(asking)?.required?.includes(name) ?? false} />)}
      </FormModal>
    </>
  );
}
