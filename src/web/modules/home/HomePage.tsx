import { Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { visibleNavItems } from '../../app/nav';
import { GrantTags } from '../../components/GrantTags';
import { UserAvatar } from '../../components/UserAvatar';

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

/** Who you are and where you can go: one card per module you may use. */
export function HomePage() {
  const { can } = useAuth();
  const shortcuts = visibleNavItems(can).filter((item) => item.key !== 'home');

  return (
    <Flex vertical gap={16}>
      <Welcome />
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
