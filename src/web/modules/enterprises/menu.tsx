import { AlertOutlined, FileProtectOutlined, ShopOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

/** 连心舱, the same group as mediation's pages (whose menu comes just before: order 40). */
const GROUP: NavGroup = { key: 'mediation-group', label: '连心舱', icon: <FileProtectOutlined /> };

const menu: ModuleMenu = {
  order: 41,
  items: [
    {
      key: 'risk-signals',
      path: '/risk-signals',
      label: '风险预警',
      description: '预警识别：企业欠薪、欠缴社保、裁员、搬迁关停、平台规则调整等风险，红色在前',
      icon: <AlertOutlined />,
      permission: 'enterprises.read',
      group: GROUP,
      page: lazy(() => import('./SignalsPage').then((m) => ({ default: m.SignalsPage }))),
    },
    {
      key: 'enterprises',
      path: '/enterprises',
      label: '一企一策',
      description: '本级和下级工会负责的企业：预警、主动访查和一企一策',
      icon: <ShopOutlined />,
      permission: 'enterprises.read',
      group: GROUP,
      page: lazy(() => import('./EnterprisesPage').then((m) => ({ default: m.EnterprisesPage }))),
    },
  ],
  routes: [
    // An enterprise's and a signal's own pages; notifications of red signals lead to the latter.
    { path: '/enterprises/:id', permission: 'enterprises.read', page: lazy(() => import('./EnterprisePage').then((m) => ({ default: m.EnterprisePage }))) },
    { path: '/risk-signals/:id', permission: 'enterprises.read', page: lazy(() => import('./SignalPage').then((m) => ({ default: m.SignalPage }))) },
  ],
};
export default menu;
