import { Badge, Card, Col, Descriptions, Flex, List, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { GrantTags } from '../../components/GrantTags';
import { useVisibleNavItems } from '../../lib/menu';
import { UserAvatar } from '../../components/UserAvatar';
import { YearProgressCard } from '../member-reports/YearProgressCard';
import { FirstSteps } from './FirstSteps';
import { useTodos } from './todos';

function Welcome() {
  const me = useMe();
  return (
    <Card>
      <Flex gap={20} align="center" wrap>
        <UserAvatar name={me.displayName} size={64} />
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            您好，{me.displayName}
          </Typography.Title>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'username', label: '用户名', children: me.username },
              { key: 'homeOrg', label: '所属组织', children: me.homeOrgName },
              { key: 'grants', label: '角色', span: 'filled', children: <GrantTags grants={me.grants} /> },
            ]}
          />
        </div>
      </Flex>
    </Card>
  );
}

/** 待办: what waits for the user in every module, each leading to its list; hidden for those with nothing to act on. */
function Todos() {
  const todos = useTodos();
  if (!todos.data) return null;
  return (
    <Card title="待办事项" size="small" data-testid="todos" extra={todos.data.total > 0 && <Badge count={todos.data.total} overflowCount={999} />}>
      {todos.data.items.length === 0 ? (
        // One line: a leader's home has nothing to do most days, and the year's figures follow.
        <Typography.Text type="secondary">暂无待办，需要您办理的事项会显示在这里</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={todos.data.items}
          renderItem={(todo) => (
            <List.Item key={todo.key} data-testid="todo" extra={<Badge count={todo.count} overflowCount={999} color="#b71c1c" />}>
              <Link to={todo.path}>{todo.label}</Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** Who you are and where you can go: one card per module you may use. */
export function HomePage() {
  const { can } = useAuth();
  const shortcuts = useVisibleNavItems().filter((item) => item.key !== 'home');

  return (
    <Flex vertical gap={16}>
      <Welcome />
      <FirstSteps />
      <Todos />
      {can('reports.read') && <YearProgressCard />}
      <Row gutter={[16, 16]}>
        {shortcuts.map((item) => (
          <Col key={item.key} xs={24} sm={12} lg={8} xl={6}>
            <Link to={item.path}>
              <Card hoverable size="small">
                <Card.Meta
                  avatar={<span className="lx-shortcut-icon">{item.icon}</span>}
                  title={item.label}
                  description={item.description}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
