import { Card, Col, Empty, List, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import type { RoleHolder } from './api';
import { useRoleHolders, useRoleOverview } from './hooks';

/** Who holds the chosen role where, a page at a time. */
function Holders({ role }: { role: string }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const holders = useRoleHolders(role, page);
  return (
    <Table<RoleHolder>
      size="small"
      rowKey="id"
      loading={holders.isFetching}
      dataSource={holders.data?.items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="您的管理范围内还没有人担任此角色，可在「用户与角色」中授予" /> }}
      pagination={{ current: page.page, pageSize: page.pageSize, total: holders.data?.total, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (n) => `共 ${n} 项授权` }}
      columns={[
        { key: 'org', title: '授予组织（含下级）', dataIndex: 'orgName' },
        { key: 'user', title: '姓名', dataIndex: 'displayName' },
        { key: 'username', title: '用户名', dataIndex: 'username' },
        { key: 'active', title: '状态', dataIndex: 'active', render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
      ]}
    />
  );
}

/** 角色权限: each role, what it may do, and who holds it where. Read-only: roles are the product's (DESIGN §1). */
export function RolesPage() {
  const roles = useRoleOverview();
  const [chosen, setChosen] = useState<string | null>(null);
  if (roles.isPending) return <PageLoading />;
  if (roles.error) return <ErrorAlert error={roles.error} />;
  const role = roles.data.find((r) => r.role === chosen) ?? roles.data[0];
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Card title="角色" size="small">
          <List
            dataSource={roles.data}
            renderItem={(r) => (
              <List.Item
                key={r.role}
                data-testid={`role-${r.role}`}
                onClick={() => setChosen(r.role)}
                style={{ cursor: 'pointer', background: r.role === role.role ? '#fff1f0' : undefined, paddingInline: 12 }}
                extra={<Typography.Text type="secondary">{r.holders} 人次</Typography.Text>}
              >
                {r.label}
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} md={16}>
        <Card title={`${role.label}可以做什么`} size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">角色在哪个组织授予，就在该组织及其全部下级组织内有效。角色与权限由系统规定，授予或撤销角色请到「用户与角色」。</Typography.Paragraph>
          {role.permissions.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="此角色没有后台权限" />
          ) : (
            <ul data-testid="role-permissions" style={{ paddingInlineStart: 20, margin: 0 }}>
              {role.permissions.map((p) => (
                <li key={p.code}>{p.label}</li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="谁在哪里担任此角色" size="small">
          <Holders key={role.role} role={role.role} />
        </Card>
      </Col>
    </Row>
  );
}
