import './styles.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { isPhonePage } from './modules/members/mobile/paths';

// Workers' phone pages and the staff console are separate bundles: a rider
// scanning a union's QR code should not download the whole console.
const Root = isPhonePage(window.location.pathname)
  ? lazy(() => import('./modules/members/mobile/MobileApp').then((m) => ({ default: m.MobileApp })))
  : lazy(() => import('./app/StaffApp').then((m) => ({ default: m.StaffApp })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <Root />
    </Suspense>
  </StrictMode>,
);
