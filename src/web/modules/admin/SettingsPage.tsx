import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { useFormErrors } from '../../lib/forms';
import { formatDateTime } from '../../lib/time';
import type { Setting } from './api';
import { useSettings, useUpdateSetting } from './hooks';

/** Strings that may run longer than a line (a message's wording) get a text area. */
const LONG_TEXT = 100;

/**
 * The control for a setting's type, read from its JSON Schema (string, number or boolean). Form.Item hands
 * this component the value and onChange; they go on to the control.
 */
function ValueInput({ setting, ...control }: { setting: Setting }) {
  switch (setting.input.type) {
    case 'boolean':
      return <Switch {...control} />;
    case 'number':
    case 'integer':
      return <InputNumber style={{ width: 200 }} {...control} />;
    default: {
      const maxLength = typeof setting.input.maxLength === 'number' ? setting.input.maxLength : undefined;
      const testId = `setting-input-${setting.key}`;
      return maxLength && maxLength > LONG_TEXT ? (
        <Input.TextArea style={{ width: 480 }} autoSize={{ minRows: 2 }} maxLength={maxLength} showCount data-testid={testId} {...control} />
      ) : (
        <Input style={{ maxWidth: 480 }} maxLength={maxLength} data-testid={testId} {...control} />
      );
    }
  }
}

function SettingCard({ setting }: { setting: Setting }) {
  const { message } = App.useApp();
  const update = useUpdateSetting();
  const [form] = Form.useForm<{ value: unknown }>();
  // A refused value is told beside the field (e.g. which placeholder a template does not know); anything else above the form.
  const errors = useFormErrors(form);
  const save = async (change: { value?: unknown; reset?: boolean }) => {
    errors.clear();
    try {
      await update.mutateAsync({ key: setting.key, version: setting.version, ...change });
      void message.success('已保存');
    } catch (error) {
      errors.report(error);
    }
  };
  return (
    <Card size="small" title={setting.label} style={{ marginBottom: 16 }} extra={setting.isDefault ? <Tag>默认值</Tag> : <Tag color="blue">已修改 {formatDateTime(setting.updatedAt)}</Tag>}>
      <Typography.Paragraph type="secondary">{setting.description}</Typography.Paragraph>
      <ErrorAlert error={errors.error} />
      {setting.editable ? (
        <Form form={form} layout="inline" initialValues={{ value: setting.value }} onFinish={(values) => save({ value: values.value })} key={`${setting.key}-${setting.version}`}>
          <Form.Item name="value" valuePropName={setting.input.type === 'boolean' ? 'checked' : 'value'}>
            <ValueInput setting={setting} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid={`setting-save-${setting.key}`}>
              保存
            </Button>
            {!setting.isDefault && (
              <Popconfirm title="恢复为默认值？" description={String(setting.defaultValue)} onConfirm={() => save({ reset: true })} okText="恢复" cancelText="取消">
                <Button>恢复默认</Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      ) : (
        <Descriptions size="small" column={1} items={[{ key: 'value', label: '当前值', children: <Typography.Text code>{String(setting.value)}</Typography.Text> }]} />
      )}
    </Card>
  );
}

/** 参数设置: the instance's settings, each with its default; only an administrator at the root may change them. */
export function SettingsPage() {
  const settings = useSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.error) return <ErrorAlert error={settings.error} />;
  return (
    <>
      {!settings.data.some((s) => s.editable) && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="参数对全系统生效，只有根组织的系统管理员可以修改；您可以查看。" />}
      {settings.data.map((setting) => (
        <SettingCard key={setting.key} setting={setting} />
      ))}
    </>
  );
}
