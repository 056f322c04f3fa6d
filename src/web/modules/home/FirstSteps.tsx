import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { listApplications, listImports, listMembers } from '../members/api';
import { fetchOrgChildren } from '../orgs/api';
import { listUsers } from '../users/api';

/** What a new installation does first, each step done when the data says so. */
const STEPS = [
  { key: 'tree', label: '建立组织树', hint: '在「组织架构」中建立镇街工会和基层工会', path: '/orgs' },
  { key: 'accounts', label: '添加账号', hint: '为各级工会的工作人员开通账号并授予角色', path: '/users' },
  { key: 'roster', label: '导入会员花名册', hint: '上传各基层工会的花名册（Excel 或 CSV），批量建立会员档案', path: '/members/import' },
  { key: 'qr', label: '打印入会二维码', hint: '在组织架构中打开基层工会，打印入会二维码张贴；职工扫码提交第一份入会申请后即完成', path: '/orgs' },
] as const;

type StepKey = (typeof STEPS)[number]['key'];

/**
 * Each step's evidence, from the lists the pages themselves read: a tree below the root, a second account, an
 * import, an application (a printed QR proves itself when a worker scans it and applies).
 */
async function stepsDone(): Promise<Record<StepKey, boolean>> {
  const [roots, users, imports, applications, members] = await Promise.all([
    fetchOrgChildren(null),
    listUsers({ page: 1, pageSize: 1 }),
    listImports({ page: 1, pageSize: 1 }),
    listApplications({ page: 1, pageSize: 1 }),
    listMembers({ page: 1, pageSize: 1, status: 'all' }),
  ]);
  const root = roots.items[0];
  return {
    tree: root?.hasChildren ?? false,
    accounts: users.total > 1,
    roster: imports.total > 0 || members.items.length > 0,
    qr: applications.total > 0,
  };
}

/**
 * 快速开始: the first steps of a new installation on the administrator's home page, ticking themselves off
 * from real data, until all are done.
 */
export function FirstSteps() {
  const { can } = useAuth();
  const allowed = can('orgs.manage') && can('users.manage') && can('members.manage');
  const done = useQuery({ queryKey: ['first-steps'], queryFn: stepsDone, enabled: allowed });
  if (!allowed || !done.data) return null;
  const count = STEPS.filter((s) => done.data[s.key]).length;
  if (count === STEPS.length) return null;
  return (
    <Card title="快速开始" size="small" data-testid="first-steps" extra={<Progress type="circle" size={28} percent={(count / STEPS.length) * 100} format={() => ''} />}>
      <List
        size="small"
        dataSource={[...STEPS]}
        renderItem={(step, i) => (
          <List.Item key={step.key} data-testid={`first-step-${step.key}`} data-done={done.data[step.key]}>
            <List.Item.Meta
              avatar={done.data[step.key] ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined />}
              title={
                <Link to={step.path}>
                  {i + 1}. {step.label}
                </Link>
              }
              description={<Typography.Text type="secondary">{done.data[step.key] ? '已完成' : step.hint}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
