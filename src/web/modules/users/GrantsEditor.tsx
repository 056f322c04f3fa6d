import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Tag } from 'antd';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormErrors } from '../../lib/forms';
import type { GrantInput, User } from './api';
import { GrantFields } from './GrantFields';
import { useAddGrant, useRemoveGrant } from './hooks';

/** A user's role grants, each removable, and a line to add one. Changes apply at once. */
export function GrantsEditor({ user }: { user: User }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantInput>();
  const errors = useFormErrors(form);
  const add = useAddGrant();
  const remove = useRemoveGrant();

  const submit = async (grant: GrantInput) => {
    errors.clear();
    try {
      await add.mutateAsync({ userId: user.id, ...grant });
      form.resetFields();
      message.success('已授权');
    } catch (err) {
      errors.report(err);
    }
  };

  return (
    <Flex vertical gap={12}>
      {user.grants.length === 0 && <Tag>尚未授予任何角色</Tag>}
      {user.grants.map((grant) => (
        <Flex key={grant.id} justify="space-between" align="center" data-testid="user-grant">
          <span>
            <Tag color="red">{grant.roleLabel}</Tag>
            {grant.orgName}
          </span>
          <ConfirmButton
            type="link"
            danger
            size="small"
            title={`撤销「${grant.orgName}」的${grant.roleLabel}角色？`}
            successMessage="已撤销"
            onConfirm={() => remove.mutateAsync({ userId: user.id, grantId: grant.id })}
          >
            撤销
          </ConfirmButton>
        </Flex>
      ))}
      <ErrorAlert error={errors.error} />
      <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <GrantFields />
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            授权
          </Button>
        </Form.Item>
      </Form>
    </Flex>
  );
}
