import { DownOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Breadcrumb, Dropdown, Flex, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '../components/BrandMark';
import { NotificationBell } from '../components/NotificationBell';
import { PageLoading } from '../components/PageLoading';
import { UserAvatar } from '../components/UserAvatar';
import { SetupPage, useSetupStatus } from '../modules/setup/SetupPage';
import { useAuth, useMe } from './auth';
import { CHANGE_PASSWORD_PATH, type NavItem, visibleNavItems } from './nav';

/** The menu entry owning the current path, the longest that fits: `/members/transfers` belongs to 会员接转, not 会员名册. */
function selectedKey(pathname: string, items: NavItem[]) {
  const match = items
    .filter((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.key ?? (pathname === '/' ? 'home' : '');
}

type MenuItems = NonNullable<MenuProps['items']>;

/** Menu entries in order; consecutive entries of one group become its submenu. */
function menuItems(items: NavItem[]): MenuItems {
  const entry = (item: NavItem) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`nav-${item.key}`}>
        {item.label}
      </Link>
    ),
  });
  const result: MenuItems = [];
  for (const item of items) {
    const last = result.at(-1);
    if (!item.group) result.push(entry(item));
    else if (last && last.key === item.group.key && 'children' in last && last.children) last.children.push(entry(item));
    else result.push({ key: item.group.key, icon: item.group.icon, label: item.group.label, children: [entry(item)] });
  }
  return result;
}

function UserMenu() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
        ],
        onClick: ({ key }) => (key === 'logout' ? logout() : navigate(CHANGE_PASSWORD_PATH)),
      }}
    >
      <button type="button" className="lx-user-button" data-testid="user-menu">
        <UserAvatar name={me.displayName} size="small" />
        <span>{me.displayName}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </button>
    </Dropdown>
  );
}

const COLLAPSED_KEY = 'lianxin:menu-collapsed';
/** Below this width the menu starts folded, so a 1366-pixel laptop screen gives the tables their columns. */
const NARROW = '(max-width: 1400px)';

function useNarrowScreen() {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

/** The side menu folded to its icons, as the user last left it (this browser); unset, the screen's width decides. */
function useMenuCollapsed(): [boolean | undefined, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState<boolean | undefined>(() => {
    const stored = localStorage.getItem(COLLAPSED_KEY);
    return stored === null ? undefined : stored === 'true';
  });
  return [
    collapsed,
    (next) => {
      localStorage.setItem(COLLAPSED_KEY, String(next));
      setCollapsed(next);
    },
  ];
}

/** Where the user is: 首页 › the menu group › the page, and the same in the browser tab's title. */
function useWhereabouts(current: NavItem | undefined) {
  const label = current?.label;
  useEffect(() => {
    document.title = label && current?.key !== 'home' ? `${label} - 连心` : '连心 智慧工会工作台';
  }, [label, current?.key]);
  if (!current || current.key === 'home') return null;
  return [{ title: <Link to="/">首页</Link> }, ...(current.group ? [{ title: current.group.label }] : []), { title: current.label }];
}

/** Header with the product, the bell and the user; the permitted modules on the left. */
export function AppLayout() {
  const me = useMe();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useMenuCollapsed();
  const narrow = useNarrowScreen();
  const folded = collapsed ?? narrow;
  const items = visibleNavItems(can);
  const selected = selectedKey(pathname, items);
  const crumbs = useWhereabouts(items.find((item) => item.key === selected));

  // Not asked while the one-time password stands: the server answers nothing else then.
  const setup = useSetupStatus(!me.mustChangePassword);

  // Until the one-time password is replaced there is nowhere else to go.
  if (me.mustChangePassword) return <Outlet />;
  // Nor, on a fresh installation, until the root of the tree is named (only its first administrator exists).
  if (setup.isLoading) return <PageLoading />;
  if (setup.data?.pending && can('orgs.manage')) return <SetupPage status={setup.data} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="lx-header">
        <Link to="/" className="lx-brand">
          <BrandMark />
          <span className="lx-brand-name">连心</span>
          <Typography.Text type="secondary" className="lx-brand-tagline">
            智慧工会工作台
          </Typography.Text>
        </Link>
        <Flex align="center" gap={16}>
          <NotificationBell />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          collapsedWidth={56}
          className="lx-sider"
          collapsible
          collapsed={folded}
          onCollapse={(next, type) => type === 'clickTrigger' && setCollapsed(next)}
          data-testid="side-menu"
        >
          <Menu
            // Folded, an open group is a flyout over the page: it starts closed (remounted when folding changes) and
            // opens on a click, not under a passing pointer, where it covered the first columns of the page's table.
            key={folded ? 'folded' : 'open'}
            triggerSubMenuAction="click"
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={folded ? [] : [...new Set(items.flatMap((item) => (item.group ? [item.group.key] : [])))]}
            items={menuItems(items)}
          />
        </Layout.Sider>
        <Layout.Content className="lx-content">
          {crumbs && <Breadcrumb items={crumbs} className="lx-breadcrumb" data-testid="breadcrumb" />}
          <Suspense fallback={<PageLoading />}>
            <Outlet context={items} />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
