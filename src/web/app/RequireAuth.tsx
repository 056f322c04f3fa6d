import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoading } from '../components/PageLoading';
import { LOGIN_PATH } from '../lib/api';
import type { Permission } from '../modules/auth/api';
import { useAuth } from './auth';
import { CHANGE_PASSWORD_PATH } from './nav';

/**
 * Signed-in users only; the rest go to login and come back afterwards. A user
 * still on a one-time password is held at the change-password screen.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error, refresh } = useAuth();
  const location = useLocation();

  if (loading) return <PageLoading />;
  if (error) {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle="请检查网络后重试。"
        extra={<Button onClick={refresh}>重试</Button>}
      />
    );
  }
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`${LOGIN_PATH}?next=${next}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return children;
}

/** A page for holders of a permission (or of any of several); the menu hides it from others, this covers typed-in URLs. */
export function RequirePermission({ permission, children }: { permission?: Permission | readonly Permission[]; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && ![permission].flat().some(can)) {
    return <Result status="403" title="无权访问" subTitle="您没有访问此页面的权限，如需开通请联系管理员。" />;
  }
  return children;
}
