import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { BrandMark } from '../../components/BrandMark';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormErrors } from '../../lib/forms';
import { fetchDivisions } from '../orgs/api';
import { DivisionSelect } from '../orgs/DivisionSelect';
import { fetchSetup, nameRoot, type RootInput, type SetupStatus } from './api';

/** Whether the installation still waits for its first administrator to name the root (checked once a session). */
export const useSetupStatus = (enabled: boolean) => useQuery({ queryKey: ['setup'], queryFn: fetchSetup, staleTime: Infinity, enabled });

/**
 * 首次设置: before anything else, the first administrator says which federation this installation serves —
 * a county, city or province federation with its division code (or the national one) — and the tree grows
 * from it. The server refuses a second naming; afterwards the name is edited in 组织管理.
 */
export function SetupPage({ status }: { status: SetupStatus }) {
  const [form] = Form.useForm<RootInput>();
  const type = Form.useWatch('type', form);
  const [saving, setSaving] = useState(false);
  const { error, report, clear } = useFormErrors(form);
  const needsDivision = status.rootTypes.find((t) => t.code === type)?.divisionLevel != null;

  // The federation's usual name from the division: 330482 平湖市 → 平湖市总工会, unless the user typed one.
  const suggestName = async (code: string | null) => {
    if (!code || form.isFieldTouched('name')) return;
    const division = (await fetchDivisions({ q: code })).items.find((d) => d.code === code);
    if (division) form.setFieldValue('name', `${division.name}总工会`);
  };

  const submit = async (values: RootInput) => {
    setSaving(true);
    clear();
    try {
      await nameRoot({ ...values, divisionCode: needsDivision ? values.divisionCode : null });
      // Every cached page spoke of the placeholder: start afresh on the home page and its first steps.
      window.location.assign('/');
    } catch (err) {
      report(err);
      setSaving(false);
    }
  };

  return (
    <Flex justify="center" style={{ padding: '48px 16px' }}>
      <Card style={{ width: 560, maxWidth: '100%' }} data-testid="setup-page">
        <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
          <BrandMark />
          <Typography.Title level={3} style={{ margin: 0 }}>
            首次设置
          </Typography.Title>
        </Flex>
        <Typography.Paragraph type="secondary">
          请先设置本系统服务的工会组织（组织树的根）：县级工会、市级总工会或省级总工会，及其行政区划。下属的镇街工会、基层工会随后在「组织管理」中建立。设置后类型不能再更改。
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" initialValues={{ type: 'county' }} onFinish={submit}>
          <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Radio.Group data-testid="setup-type" options={status.rootTypes.map((t) => ({ value: t.code, label: t.label }))} />
          </Form.Item>
          {needsDivision && (
            <Form.Item name="divisionCode" label="行政区划" rules={[{ required: true, message: '请选择行政区划' }]} extra="与组织类型同级：县级工会选到区县，市级总工会选到地市，省级总工会选到省。">
              <DivisionSelect onChange={(code) => void suggestName(code)} />
            </Form.Item>
          )}
          <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, message: '请填写组织名称' }, { max: 100 }]}>
            <Input placeholder="如：平湖市总工会" data-testid="setup-name" />
          </Form.Item>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="设置完成后，首页会列出接下来的几步：建立组织树、添加账号、导入会员花名册、打印入会二维码。" />
          <Button type="primary" htmlType="submit" loading={saving} block data-testid="setup-submit">
            完成设置
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
