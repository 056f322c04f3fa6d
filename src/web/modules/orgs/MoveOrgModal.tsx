import { Alert, Form } from 'antd';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import type { OrgDetail } from './api';
import { useMoveOrg } from './hooks';

interface MoveOrgModalProps {
  open: boolean;
  org: OrgDetail;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/** Moves an org, with its whole subtree, under a new parent. */
export function MoveOrgModal({ open, org, onClose, onReload }: MoveOrgModalProps) {
  const move = useMoveOrg();
  const parent = org.ancestors.at(-1);

  return (
    <FormModal<{ newParentId: number }>
      open={open}
      title={`移动「${org.name}」`}
      okText="移动"
      onSubmit={({ newParentId }) => move.mutateAsync({ id: org.id, newParentId, version: org.version })}
      onClose={onClose}
      onReload={onReload}
    >
      <Alert
        type="info"
        showIcon
        title={`当前上级：${parent?.name ?? '无'}`}
        description={org.childCount > 0 ? `其全部下级组织（直属 ${org.childCount} 个）将一并移动。` : undefined}
        style={{ marginBottom: 16 }}
      />
      <Form.Item name="newParentId" label="新的上级组织" rules={[{ required: true, message: '请选择新的上级组织' }]}>
        <OrgTreeSelect excludeSubtree={org.path} />
      </Form.Item>
    </FormModal>
  );
}
