import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { createBrowserRouter, createRoutesFromElements, Outlet, Route, RouterProvider } from 'react-router';
import { ApiError } from '../lib/api';
import { UnsavedGuardProvider } from '../components/UnsavedGuard';
import { ChangePasswordPage } from '../modules/auth/ChangePasswordPage';
import { LoginPage } from '../modules/auth/LoginPage';
import { AppLayout } from './AppLayout';
import { AuthProvider } from './auth';
import { CHANGE_PASSWORD_PATH, MODULE_ROUTES, NAV_ITEMS } from './nav';
import { RequireAuth, RequirePermission } from './RequireAuth';
import { theme } from './theme';

const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change on retry; only flaky networks and 5xx deserve another go.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        staleTime: 10_000,
      },
    },
  });

function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="请通过左侧菜单进入需要的功能。" />;
}

/** A data router: pages may hold a navigation back while a form has unsaved edits (UnsavedGuard). */
const createRouter = () =>
  createBrowserRouter(
    createRoutesFromElements(
      <Route
        element={
          <AuthProvider>
            <UnsavedGuardProvider>
              <Outlet />
            </UnsavedGuardProvider>
          </AuthProvider>
        }
      >
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          {[...NAV_ITEMS, ...MODULE_ROUTES].map(({ path, permission, page: Page }) => (
            <Route
              key={path}
              path={path}
              element={
                <RequirePermission permission={permission}>
                  <Page />
                </RequirePermission>
              }
            />
          ))}
          <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>,
    ),
  );

export function App() {
  // In state rather than at module level, so hot reloads during development keep the cache and the router.
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
