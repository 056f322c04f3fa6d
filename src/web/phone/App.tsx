import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Component, type ReactNode, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PHONE_ROUTES } from './routes';
import { Button, DialogHost, Empty, Loading, PhonePage, ToastHost } from './ui';

/** A page whose code could not load (no connection on a first visit) or that failed: say so and offer a reload. */
class PageFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <PhonePage title="连心">
        <Empty
          title="页面加载失败"
          description="请检查网络连接后重新加载。"
          action={
            <Button variant="primary" onClick={() => window.location.reload()}>
              重新加载
            </Button>
          }
        />
      </PhonePage>
    );
  }
}

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
        <PageFailed>
          <Suspense fallback={<Loading />}>
            <Routes>
              {PHONE_ROUTES.map(({ path, page: Page }) => (
                <Route key={path} path={path} element={<Page />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </PageFailed>
      </BrowserRouter>
      <ToastHost />
      <DialogHost />
    </QueryClientProvider>
  );
}
