import { type ComponentType, lazy } from 'react';
import { JoinPage } from '../modules/members/phone/JoinPage';

/**
 * Every page of the phone app. A module adds its phone pages here, one line
 * each, loaded on first visit so a page carries only its own code. The server
 * answers these paths with phone.html (server: http/web.ts PHONE_PAGES).
 * The join page alone is in the entry: it is where a union's QR code lands,
 * and a lazy chunk would cost it one more round trip on a slow network
 * (`npm run bench phone`).
 */
export const PHONE_ROUTES: { path: string; page: ComponentType }[] = [
  { path: '/join/status/:tenantId/:code', page: lazy(() => import('../modules/members/phone/JoinStatusPage').then((m) => ({ default: m.JoinStatusPage }))) },
  { path: '/join/resume', page: lazy(() => import('../modules/members/phone/ResumePage').then((m) => ({ default: m.ResumePage }))) },
  { path: '/join/:orgId', page: JoinPage },
  { path: '/transfer/status/:tenantId/:code', page: lazy(() => import('../modules/members/phone/TransferStatusPage').then((m) => ({ default: m.TransferStatusPage }))) },
  { path: '/transfer', page: lazy(() => import('../modules/members/phone/TransferPage').then((m) => ({ default: m.TransferPage }))) },
  { path: '/me', page: lazy(() => import('../modules/members/phone/MePage').then((m) => ({ default: m.MePage }))) },
  { path: '/me/transfer', page: lazy(() => import('../modules/members/phone/MeTransferPage').then((m) => ({ default: m.MeTransferPage }))) },
  { path: '/me/phone', page: lazy(() => import('../modules/members/phone/MePhonePage').then((m) => ({ default: m.MePhonePage }))) },
  { path: '/me/employment', page: lazy(() => import('../modules/members/phone/MeEmploymentPage').then((m) => ({ default: m.MeEmploymentPage }))) },
];
