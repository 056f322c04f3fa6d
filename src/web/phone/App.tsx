import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PHONE_ROUTES } from './routes';
import { DialogHost, Empty, Loading, PhonePage, ToastHost } from './ui';

/** A path the phone app does not know: say so, and where to go. */
function NotFound() {
  return (
    <PhonePage title="连心">
      <Empty title="页面不存在" description="请检查链接是否完整，或重新扫描工会的二维码。" />
    </PhonePage>
  );
}

/**
 * The workers' phone app: its own HTML (phone.html), no antd, no staff shell,
 * no session check; pages from PHONE_ROUTES, each loaded on first visit.
 */
export function PhoneApp() {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 10_000 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            {PHONE_ROUTES.map(({ path, page: Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
      <ToastHost />
      <DialogHost />
    </QueryClientProvider>
  );
}
