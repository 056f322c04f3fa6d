import { ApartmentOutlined, AuditOutlined, BarChartOutlined, FileDoneOutlined, FileTextOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

const PROPOSALS_GROUP: NavGroup = { key: 'proposals-group', label: '云履职', icon: <SolutionOutlined /> };

const menu: ModuleMenu = {
  order: 30,
  items: [
    {
      key: 'proposals',
      path: '/proposals',
      label: '提案管理',
      description: '职代会提案的提交、附议、审议、交办与督办',
      icon: <FileTextOutlined />,
      permission: 'proposals.read',
      group: PROPOSALS_GROUP,
      page: lazy(() => import('./ProposalsPage').then((m) => ({ default: m.ProposalsPage }))),
    },
    {
      key: 'proposals-mine',
      path: '/proposals/mine',
      label: '我的提案',
      description: '为您提出的提案：办到哪一步、谁在办、答复和评价',
      icon: <FileTextOutlined />,
      permission: 'proposals.follow',
      group: PROPOSALS_GROUP,
      page: lazy(() => import('./MyProposalsPage').then((m) => ({ default: m.MyProposalsPage }))),
    },
    {
      key: 'proposals-assigned',
      path: '/proposals/assigned',
      label: '待我办理',
      description: '交办给本单位的提案：报送进展、答复',
      icon: <FileDoneOutlined />,
      permission: 'proposals.handle',
      group: PROPOSALS_GROUP,
      page: lazy(() => import('./AssignedPage').then((m) => ({ default: m.AssignedPage }))),
    },
    {
      key: 'proposals-statistics',
      path: '/proposals/statistics',
      label: '提案统计',
      description: '立案率、办复率、办结率、满意率，按承办单位、类别和工会；下载提案汇编',
      icon: <BarChartOutlined />,
      permission: 'proposals.statistics',
      group: PROPOSALS_GROUP,
      page: lazy(() => import('./StatisticsPage').then((m) => ({ default: m.StatisticsPage }))),
    },
    {
      key: 'proposals-congress',
      path: '/proposals/congress',
      label: '职代会与审议',
      description: '职代会提案征集、提案审查委员会和审议小组',
      icon: <AuditOutlined />,
      permission: 'proposals.review',
      group: PROPOSALS_GROUP,
      page: lazy(() => import('./CongressPage').then((m) => ({ default: m.CongressPage }))),
    },
    {
      key: 'proposals-handler-units',
      path: '/proposals/handler-units',
      label: '承办单位',
      description: '登记承办提案的部门、企业及其办理账号',
      icon: <ApartmentOutlined />,
      permission: 'proposals.handlers',
      group: PROPOSALS_GROUP,
      page: lazy(() => import('./HandlerUnitsPage').then((m) => ({ default: m.HandlerUnitsPage }))),
    },
  ],
  routes: [
    // A proposal's own page, where notifications lead: whoever may see it (submitter, co-signer, handler, worker), the server decides.
    { path: '/proposals/:id', page: lazy(() => import('./ProposalPage').then((m) => ({ default: m.ProposalPage }))) },
  ],
};
export default menu;
