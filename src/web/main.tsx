import './styles.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

// The staff console. Workers' phone pages are another page of the build (phone/phone.html), which the server sends for their paths.
const StaffApp = lazy(() => import('./app/StaffApp').then((m) => ({ default: m.StaffApp })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <StaffApp />
    </Suspense>
  </StrictMode>,
);
