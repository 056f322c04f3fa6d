import { Breadcrumb, Button, Card, Descriptions, type DescriptionsProps, Flex, Space, Tag } from 'antd';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JoinQrButton, MEMBER_HOLDING_TYPES } from '../members/JoinQrButton';
import type { OrgAction, OrgDetail as OrgDetailRecord } from './api';
import { useOrg, useSetOrgActive } from './hooks';
import { MoveOrgModal } from './MoveOrgModal';
import { OrgFormModal } from './OrgFormModal';

interface OrgDetailProps {
  id: number;
  /** Called with an org created here, so the page can show it. */
  onSelect: (id: number) => void;
}

type Dialog = Extract<OrgAction, 'edit' | 'create_child' | 'move'>;

const DIALOG_LABELS: Record<Dialog, string> = { edit: '编辑', create_child: '新建下级', move: '移动' };

function describe(org: OrgDetailRecord): DescriptionsProps['items'] {
  const show = (value: string | number | null) => (value === null || value === '' ? '—' : value);
  return [
    { key: 'type', label: '组织类型', children: org.typeLabel },
    { key: 'division', label: '行政区划', children: show(org.divisionName) },
    { key: 'creditCode', label: '统一社会信用代码', children: show(org.creditCode) },
    { key: 'foundedOn', label: '建会日期', children: show(org.foundedOn) },
    { key: 'chairName', label: '工会主席', children: show(org.chairName) },
    { key: 'phone', label: '联系电话', children: show(org.phone) },
    { key: 'address', label: '地址', children: show(org.address), span: 'filled' },
    ...(MEMBER_HOLDING_TYPES.includes(org.type) ? [{ key: 'autoApproveJoins', label: '自动批准入会', children: org.autoApproveJoins ? '是' : '否（由工作人员审核）' }] : []),
    { key: 'childCount', label: '直属下级', children: `${org.childCount} 个` },
    { key: 'sortOrder', label: '排序号', children: org.sortOrder },
  ];
}

/** One org: where it sits, its particulars, and exactly the actions the server allows. */
export function OrgDetail({ id, onSelect }: OrgDetailProps) {
  const query = useOrg(id);
  const setActive = useSetOrgActive();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  if (query.isPending) return <Card loading />;
  if (query.error) {
    return (
      <Card>
        <ErrorAlert error={query.error} />
      </Card>
    );
  }

  const org = query.data;
  const close = () => setDialog(null);

  const actions = org.allowedActions.map((action) =>
    action === 'deactivate' || action === 'reactivate' ? (
      <ConfirmButton
        key={action}
        danger={action === 'deactivate'}
        title={action === 'deactivate' ? `确定停用「${org.name}」？` : `确定重新启用「${org.name}」？`}
        description={action === 'deactivate' ? '停用后可随时重新启用。' : undefined}
        successMessage={action === 'deactivate' ? '已停用' : '已启用'}
        onConfirm={() => setActive.mutateAsync({ id: org.id, action, version: org.version })}
      >
        {action === 'deactivate' ? '停用' : '启用'}
      </ConfirmButton>
    ) : (
      <Button key={action} type={action === 'create_child' ? 'primary' : 'default'} onClick={() => setDialog(action)}>
        {DIALOG_LABELS[action]}
      </Button>
    ),
  );

  return (
    <Card
      title={
        <Space>
          <span data-testid="org-detail-title">{org.name}</span>
          <Tag>{org.typeLabel}</Tag>
          {!org.active && <Tag color="default">已停用</Tag>}
        </Space>
      }
      extra={
        <Flex gap={8} wrap>
          {org.active && MEMBER_HOLDING_TYPES.includes(org.type) && <JoinQrButton orgId={org.id} orgName={org.name} />}
          {actions}
        </Flex>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[...org.ancestors.map((a) => ({ key: a.id, title: a.name })), { key: org.id, title: org.name }]}
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={describe(org)} />

      <OrgFormModal
        open={dialog === 'edit'}
        target={{ mode: 'edit', org }}
        onClose={close}
        onReload={query.refetch}
      />
      <OrgFormModal
        open={dialog === 'create_child'}
        target={{ mode: 'create', parent: org }}
        onClose={close}
        onSaved={(child) => onSelect(child.id)}
      />
      <MoveOrgModal open={dialog === 'move'} org={org} onClose={close} onReload={query.refetch} />
    </Card>
  );
}
