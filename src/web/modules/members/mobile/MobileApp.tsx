import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PUBLIC_ROUTES } from './routes';
import { Loading } from './shared';

/**
 * The workers' phone pages as their own small app: no staff shell, no antd,
 * no session check. main.tsx picks it by path, so a rider on mobile data
 * downloads only what these pages need.
 */
export function MobileApp() {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 10_000 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            {PUBLIC_ROUTES.map(({ path, page: Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
