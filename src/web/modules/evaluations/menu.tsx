import { LikeOutlined, SolutionOutlined, StarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';

// The same group as 提案管理: 会员评家 is one of 云履职's five scenes.
const GROUP: NavGroup = { key: 'proposals-group', label: '云履职', icon: <SolutionOutlined /> };

const menu: ModuleMenu = {
  order: 31,
  items: [
    {
      key: 'evaluations',
      path: '/evaluations',
      label: '会员评家',
      description: '会员给工会打分：测评的发起、发布和按工会、按题目的结果',
      icon: <StarOutlined />,
      permission: 'evaluations.results',
      group: GROUP,
      page: lazy(() => import('./SurveysPage').then((m) => ({ default: m.SurveysPage }))),
    },
    {
      key: 'evaluations-mine',
      path: '/evaluations/mine',
      label: '会员评家',
      description: '给所在工会的工作打分',
      icon: <LikeOutlined />,
      permission: 'evaluations.respond',
      group: GROUP,
      page: lazy(() => import('./MySurveysPage').then((m) => ({ default: m.MySurveysPage }))),
    },
  ],
  routes: [{ path: '/evaluations/:id/results', page: lazy(() => import('./ResultsPage').then((m) => ({ default: m.ResultsPage }))) }],
};
export default menu;
