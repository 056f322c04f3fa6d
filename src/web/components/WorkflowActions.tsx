import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Spin } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
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
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: InputField;
  /** The fields of an object (a line of a list such as an agreement's instalments). */
  properties?: Record<string, InputField>;
  required?: string[];
  /** `fen`: an amount kept in fen, asked for in yuan. */
  unit?: 'fen';
  default?: unknown;
  notAfterToday?: boolean;
  defaultToday?: boolean;
}

/** An action the server allows the current user on a workflow record, with its form (server: platform/workflow/engine.ts). */
export type AllowedAction = z.input<typeof allowedActions>[number];

/**
 * The options of a field whose values are other records' ids (a unit to hand a
 * proposal to, a proposal to merge into): the schema says only "a number", so
 * the page that knows where such records live supplies them. The field's label,
 * whether it is required and whether it takes one or many still come from the server.
 */
export interface FieldChoices {
  options: { value: number | string; label: ReactNode }[];
  loading?: boolean;
  /** Searching on the server as the user types; without it the options are filtered by their text. */
  onSearch?: (text: string) => void;
  /** Shown when there is nothing to choose, e.g. what to do first. */
  empty?: ReactNode;
}

/** The action's input as the engine describes it: JSON Schema of an object. */
const inputOf = (action: AllowedAction) => action.input as { properties?: Record<string, InputField>; required?: string[] } | null;

type InputValue = string | number | (string | number)[] | InputValues[] | Dayjs | undefined;
type InputValues = { [key: string]: InputValue };

/** A form value as the action's input: dates as YYYY-MM-DD, text trimmed, yuan as fen, lines of a list field by field. */
function toValue(field: InputField | undefined, value: InputValue | null): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (dayjs.isDayjs(value)) return value.format(DATE_FORMAT);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return field?.unit === 'fen' ? Math.round(value * 100) : value;
  if (field?.items?.type === 'object') return (value as InputValues[]).map((line) => toInput(line ?? {}, field.items!.properties));
  return value;
}

/** Form values as the action's input, blanks left out. */
const toInput = (values: InputValues, fields: Record<string, InputField> = {}): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) => {
      const converted = toValue(fields[key], value);
      return converted === undefined ? [] : [[key, converted]];
    }),
  );

const fieldsOf = (action: AllowedAction) => Object.entries(inputOf(action)?.properties ?? {});

const isNumber = (field: InputField | undefined) => field?.type === 'integer' || field?.type === 'number';

/** What a field starts with: today for a date that says so, else the schema's default. */
function initialValue(field: InputField): InputValue {
  if (field.defaultToday) return today();
  const value = field.default;
  return typeof value === 'string' || typeof value === 'number' || Array.isArray(value) ? (value as InputValue) : undefined;
}

/** Filtering options by their text when the page gives no search of its own. */
const optionText = (input: string, option?: { label?: ReactNode }) => String(option?.label ?? '').includes(input.trim());

/** A list of lines (an agreement's instalments): each line the fields of its object, side by side; lines added and removed. */
function LinesItem({ name, field, choices }: { name: string; field: InputField; choices?: Record<string, FieldChoices | undefined> }) {
  const label = field.title ?? name;
  const line = field.items!;
  const columns = Object.entries(line.properties ?? {});
  return (
    <Form.Item label={label} required={(field.minItems ?? 0) > 0}>
      <Form.List name={name} rules={field.minItems ? [{ validator: async (_, lines?: unknown[]) => ((lines?.length ?? 0) >= field.minItems! ? undefined : Promise.reject(new Error(`请填写${label}`))) }] : undefined}>
        {(lines, { add, remove }, { errors }) => (
          <Flex vertical gap={4} data-testid={`action-input-${name}`}>
            {lines.map((entry) => (
              <Flex key={entry.key} gap={8} align="start" wrap>
                {columns.map(([key, column]) => (
                  <div key={key} style={{ flex: 1, minWidth: 140 }}>
                    <InputItem name={[entry.name, key]} testId={`action-input-${name}-${entry.name}-${key}`} field={column} required={line.required?.includes(key) ?? false} choices={choices?.[key]} compact />
                  </div>
                ))}
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(entry.name)} aria-label="删除这一行" />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid={`action-input-${name}-add`}>
              添加一行
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** One form item per field of the input schema, named as the server names it so that its field errors land there. */
function InputItem({ name, field, required, choices, compact, testId = `action-input-${String(name)}` }: { name: string | (string | number)[]; field: InputField; required: boolean; choices?: FieldChoices; compact?: boolean; testId?: string }) {
  const label = field.title ?? String(name);
  const many = field.type === 'array';
  const options = choices?.options ?? (field.enum ?? field.items?.enum)?.map((value) => ({ value, label: (field.enumLabels ?? field.items?.enumLabels)?.[value] ?? value }));
  const chosen = Boolean(options) || field.format === 'date';
  const rules: Rule[] = [];
  // Typed text must not be blank. A choice, a date or a number gets the bare rule: any other key makes antd check it as text.
  if (required) {
    if (many) rules.push({ required: true, type: 'array', min: 1, message: `请选择${label}` });
    else rules.push(chosen ? { required: true, message: `请选择${label}` } : isNumber(field) ? { required: true, message: `请填写${label}` } : { required: true, whitespace: true, message: `请填写${label}` });
  }
  if (field.minLength) rules.push({ min: field.minLength, message: `${label}至少 ${field.minLength} 个字` });
  if (field.maxLength) rules.push({ max: field.maxLength });
  if (many && field.maxItems) rules.push({ type: 'array', max: field.maxItems, message: `${label}最多选择 ${field.maxItems} 项` });
  let control;
  if (options || many) {
    control = (
      <Select
        data-testid={testId}
        mode={many ? (options ? 'multiple' : 'tags') : undefined}
        allowClear={!required}
        options={options}
        loading={choices?.loading}
        showSearch={choices ? { filterOption: choices.onSearch ? false : optionText, onSearch: choices.onSearch } : undefined}
        notFoundContent={choices?.loading ? <Spin size="small" /> : (choices?.empty ?? undefined)}
        placeholder={field.description}
      />
    );
  } else if (field.format === 'date') {
    control = <DatePicker style={{ width: '100%' }} data-testid={testId} disabledDate={field.notAfterToday ? (d: Dayjs) => d.isAfter(today(), 'day') : undefined} />;
  } else if (field.unit === 'fen') {
    control = <InputNumber data-testid={testId} min={0} precision={2} addonAfter="元" style={{ width: '100%', maxWidth: 200 }} />;
  } else if (isNumber(field)) {
    const min = field.minimum ?? (field.exclusiveMinimum !== undefined ? field.exclusiveMinimum + (field.type === 'integer' ? 1 : 0) : undefined);
    control = (
      <InputNumber
        data-testid={testId}
        min={min}
        max={field.maximum !== undefined && field.maximum < Number.MAX_SAFE_INTEGER ? field.maximum : undefined}
        precision={field.type === 'integer' ? 0 : undefined}
        placeholder={field.description}
        style={{ width: '100%', maxWidth: 200 }}
      />
    );
  } else if ((field.maxLength ?? 0) > 100) {
    control = <Input.TextArea rows={3} showCount maxLength={field.maxLength} placeholder={field.description} data-testid={testId} />;
  } else {
    control = <Input maxLength={field.maxLength} placeholder={field.description} data-testid={testId} />;
  }
  return (
    <Form.Item name={name} label={label} rules={rules} style={compact ? { marginBottom: 8 } : undefined}>
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
  /** Options for the fields that name other records, by the field's name in the input schema. */
  choices?: Record<string, FieldChoices | undefined>;
  /**
   * The record's current values for an action's form, by action (an edit of the record): the form starts
   * from them, and only the fields changed are sent.
   */
  current?: Record<string, Record<string, InputValue> | undefined>;
  /** Ask before every action without a form (a bulk action: many records at once). */
  confirmAll?: boolean;
  /** `onAct` says how it went itself (a bulk action's per-record results). */
  silent?: boolean;
}

/**
 * One button per allowed action, for every workflow: an action with input
 * opens its form (rendered from the server's JSON Schema, the warning above
 * it), a destructive one or one with a warning asks first, the others fire
 * at once.
 */
export function WorkflowActions({ actions, onAct, subject, onDone, size = 'middle', choices, current, confirmAll, silent }: WorkflowActionsProps) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<AllowedAction | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  if (actions.length === 0) return null;

  const fire = async (action: AllowedAction, input?: Record<string, unknown>) => {
    await onAct(action.action, input);
    if (!silent) message.success(`已办理：${action.label}`);
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

  const initialValues = asking
    ? Object.fromEntries(
        fieldsOf(asking).flatMap(([name, field]) => {
          const value = current?.[asking.action]?.[name] ?? initialValue(field);
          return value === undefined || value === null ? [] : [[name, value]];
        }),
      )
    : undefined;
  /** An edit sends what changed from the record's current values; any other form all it holds. */
  const changedOnly = (action: AllowedAction, input: Record<string, unknown>) => {
    const was = current?.[action.action];
    return was ? Object.fromEntries(Object.entries(input).filter(([name, value]) => value !== was[name])) : input;
  };

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
          // A warning is read before the step is taken, with or without danger.
          if (action.destructive || action.warning || confirmAll) {
            return (
              <ConfirmButton
                key={action.action}
                size={size}
                danger={action.destructive}
                type={action.destructive ? 'default' : 'primary'}
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
        onSubmit={(values) => fire(asking!, changedOnly(asking!, toInput(values, inputOf(asking!)?.properties)))}
      >
        {asking?.warning && <Alert type="warning" showIcon title={asking.warning} style={{ marginBottom: 16 }} />}
        {asking &&
          fieldsOf(asking).map(([name, field]) =>
            field.items?.type === 'object' ? (
              <LinesItem key={name} name={name} field={field} choices={choices} />
            ) : (
              <InputItem key={name} name={name} field={field} required={inputOf(asking)?.required?.includes(name) ?? false} choices={choices?.[name]} />
            ),
          )}
      </FormModal>
    </>
  );
}
