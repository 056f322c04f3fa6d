import { IdcardOutlined, QrcodeOutlined, ScanOutlined, SolutionOutlined, StopOutlined, SwapOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ModuleMenu, NavGroup } from '../../lib/menu';
import { CARD_VERIFY_PATH } from './card';

const MEMBERS_GROUP: NavGroup = { key: 'members-group', label: '会员管理', icon: <IdcardOutlined /> };

const menu: ModuleMenu = {
  order: 10,
  items: [
    {
      key: 'my-membership',
      path: '/my-membership',
      label: '我的会籍',
      description: '电子会员证、会籍记录与会员接转',
      icon: <QrcodeOutlined />,
      permission: 'members.own',
      page: lazy(() => import('./MyMembershipLink').then((m) => ({ default: m.MyMembershipLink }))),
    },
    {
      key: 'members',
      path: '/members',
      label: '会员名册',
      description: '查询会员、会籍变更与会员历史',
      icon: <SolutionOutlined />,
      permission: 'members.read',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./MembersPage').then((m) => ({ default: m.MembersPage }))),
    },
    {
      key: 'member-applications',
      path: '/members/applications',
      label: '入会审核',
      description: '审核职工扫码提交的入会申请',
      icon: <UserAddOutlined />,
      permission: 'members.read',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./ApplicationsPage').then((m) => ({ default: m.ApplicationsPage }))),
    },
    {
      key: 'member-transfers',
      path: '/members/transfers',
      label: '会员接转',
      description: '会员转出、转入与接收新会员',
      icon: <SwapOutlined />,
      permission: 'members.read',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./TransfersPage').then((m) => ({ default: m.TransfersPage }))),
    },
    {
      key: 'member-deemed',
      path: '/members/deemed-withdrawal',
      label: '视为自动退会',
      description: '连续六个月未缴会费且未参加活动的会员',
      icon: <StopOutlined />,
      permission: 'members.read',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./DeemedWithdrawalPage').then((m) => ({ default: m.DeemedWithdrawalPage }))),
    },
    {
      key: 'member-card-verify',
      path: CARD_VERIFY_PATH,
      label: '扫码验证',
      description: '核验会员出示的电子会员证',
      icon: <ScanOutlined />,
      permission: 'members.verify_card',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./CardVerifyPage').then((m) => ({ default: m.CardVerifyPage }))),
    },
    {
      key: 'member-import',
      path: '/members/import',
      label: '花名册导入',
      description: '上传 Excel 花名册批量登记会员',
      icon: <UploadOutlined />,
      permission: 'members.manage',
      group: MEMBERS_GROUP,
      page: lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage }))),
    },
  ],
};
export default menu;
