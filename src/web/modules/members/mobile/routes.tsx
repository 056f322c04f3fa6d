import { type ComponentType, lazy } from 'react';

/**
 * The public phone pages: no account, outside the staff layout. Each loads on
 * first visit (with antd-mobile), so neither app carries the other's code.
 */
export const PUBLIC_ROUTES: { path: string; page: ComponentType }[] = [
  { path: '/join/resume', page: lazy(() => import('./ResumePage').then((m) => ({ default: m.ResumePage }))) },
  { path: '/join/status/:tenantId/:code', page: lazy(() => import('./JoinStatusPage').then((m) => ({ default: m.JoinStatusPage }))) },
  { path: '/join/:orgId', page: lazy(() => import('./JoinPage').then((m) => ({ default: m.JoinPage }))) },
  { path: '/transfer/status/:tenantId/:code', page: lazy(() => import('./TransferStatusPage').then((m) => ({ default: m.TransferStatusPage }))) },
  { path: '/transfer', page: lazy(() => import('./TransferPage').then((m) => ({ default: m.TransferPage }))) },
];
