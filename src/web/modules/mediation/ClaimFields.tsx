import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useMediationMeta } from './hooks';

/** What a claim line holds in a form: the amount in yuan (the API takes fen). */
export interface ClaimValues {
  type: string;
  amount?: number;
  note?: string;
}

/** The form's claims as the API takes them: fen, blanks left out. */
export const claimsOf = (claims: ClaimValues[] = []) => claims.map((c) => ({ type: c.type as never, amount: Math.round((c.amount ?? 0) * 100), note: c.note?.trim() || null }));

/** 诉求: one line per claim, its type and amount (yuan); at least one. */
export function ClaimFields() {
  const types = useMediationMeta().data?.claimTypes ?? [];
  return (
    <Form.List name="claims" rules={[{ validator: async (_, value?: unknown[]) => (value?.length ? undefined : Promise.reject(new Error('请至少填写一项诉求'))) }]}>
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={4}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap data-testid="claim-line">
              <Form.Item name={[field.name, 'type']} rules={[{ required: true, message: '请选择诉求类型' }]} style={{ width: 150, marginBottom: 8 }}>
                <Select options={types.map((t) => ({ value: t.code, label: t.label }))} placeholder="诉求类型" data-testid="claim-type" />
              </Form.Item>
              <Form.Item name={[field.name, 'amount']} rules={[{ required: true, message: '请填写金额（元）' }]} style={{ width: 160, marginBottom: 8 }}>
                <InputNumber min={0} max={100_000_000} precision={2} addonAfter="元" style={{ width: '100%' }} data-testid="claim-amount" />
              </Form.Item>
              <Form.Item name={[field.name, 'note']} style={{ flex: 1, minWidth: 140, marginBottom: 8 }}>
                <Input maxLength={200} placeholder="说明，如：9—11 月工资" />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="删除这项诉求" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'wages' })} data-testid="claim-add">
            添加诉求
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
