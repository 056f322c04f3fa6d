import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import type { NewUser, User } from './api';
import { GrantFields } from './GrantFields';
import { useCreateUser, useUpdateUser } from './hooks';

type UserFormModalProps = {
  open: boolean;
  onClose: () => void;
} & (
  | { mode: 'create'; onCreated: (result: { user: User; oneTimePassword: string }) => void }
  | { mode: 'edit'; user: User }
);

interface UserFormValues {
  username: string;
  displayName: string;
  phone?: string;
  homeOrgId: number;
  grants?: NewUser['grants'];
}

/** Mainland mobile numbers; the server has the final word. */
const MOBILE = /^1\d{10}$/;

/** Creates an account (with its first role grants) or edits one's particulars. */
export function UserFormModal(props: UserFormModalProps) {
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = props.mode === 'edit' ? props.user : null;

  const submit = async ({ username, displayName, phone, homeOrgId, grants }: UserFormValues) => {
    const trimmedPhone = phone?.trim() || undefined;
    if (props.mode === 'create') {
      props.onCreated(
        await create.mutateAsync({
          username: username.trim(),
          displayName: displayName.trim(),
          homeOrgId,
          phone: trimmedPhone,
          grants: grants ?? [],
        }),
      );
    } else {
      await update.mutateAsync({
        id: props.user.id,
        version: props.user.version,
        displayName: displayName.trim(),
        phone: trimmedPhone ?? null,
        homeOrgId,
      });
    }
  };

  return (
    <FormModal<UserFormValues>
      open={props.open}
      width={640}
      title={editing ? `编辑用户「${editing.displayName}」` : '新建用户'}
      okText={editing ? '保存' : '创建'}
      initialValues={
        editing
          ? { displayName: editing.displayName, phone: editing.phone ?? undefined, homeOrgId: editing.homeOrgId }
          : { grants: [] }
      }
      onSubmit={submit}
      onClose={props.onClose}
    >
      {!editing && (
        <Form.Item
          name="username"
          label="用户名"
          extra="登录用，创建后不可修改"
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label="手机号" rules={[{ pattern: MOBILE, message: '请输入 11 位手机号' }]}>
        <Input maxLength={11} />
      </Form.Item>
      <Form.Item name="homeOrgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
        <OrgTreeSelect valueLabel={editing?.homeOrgName} />
      </Form.Item>
      {!editing && (
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <Form.Item label="角色授权" extra="角色在所授权的组织及其全部下级组织内有效；也可创建后再授权。">
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <GrantFields prefix={[field.name]} />
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label="移除" onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                添加角色
              </Button>
            </Form.Item>
          )}
        </Form.List>
      )}
    </FormModal>
  );
}
