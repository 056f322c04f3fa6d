import { Form, Select } from 'antd';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useRoles } from './hooks';

/** Where in the form a grant's `role` and `orgId` live: [] at the top, [index] inside a Form.List. */
type NamePrefix = (string | number)[];

/** The inputs of one role grant: a role, and the org it is held at. */
export function GrantFields({ prefix = [] }: { prefix?: NamePrefix }) {
  const roles = useRoles();
  return (
    <>
      <Form.Item name={[...prefix, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
        <Select
          placeholder="角色"
          loading={roles.isPending}
          options={roles.data?.map((r) => ({ value: r.code, label: r.label }))}
          style={{ width: 150 }}
        />
      </Form.Item>
      <Form.Item name={[...prefix, 'orgId']} rules={[{ required: true, message: '请选择授权组织' }]}>
        <OrgTreeSelect placeholder="授权组织（含下级）" style={{ width: 260 }} />
      </Form.Item>
    </>
  );
}
