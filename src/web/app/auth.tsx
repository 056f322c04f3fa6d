import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { ApiError, LOGIN_PATH, setCsrfToken } from '../lib/api';
import * as authApi from '../modules/auth/api';
import type { Me, Permission, Session } from '../modules/auth/api';

interface AuthContextValue {
  /** The signed-in user; null when signed out. */
  me: Me | null;
  csrfToken: string | null;
  /** True until the first session probe has answered. */
  loading: boolean;
  /** Set when the session probe failed for a reason other than "signed out". */
  error: unknown;
  can: (permission: Permission) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  /** 短信登录 (workers): the number and the code sent to it. */
  loginWithCode: (phone: string, code: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Re-reads the session, e.g. after changing the password. */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const SESSION_KEY = ['auth', 'session'] as const;

async function probeSession(): Promise<Session | null> {
  try {
    const session = await authApi.fetchSession();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: probeSession, staleTime: Infinity, retry: false });
  const { refetch } = session;

  const adopt = useCallback(
    (next: Session) => {
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(SESSION_KEY, next);
      return next.user;
    },
    [queryClient],
  );
  const login = useCallback(async (username: string, password: string) => adopt(await authApi.login(username, password)), [adopt]);
  const loginWithCode = useCallback(async (phone: string, code: string) => adopt(await authApi.loginWithCode(phone, code)), [adopt]);

  // A full page load drops every cached record of the previous user.
  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      window.location.assign(LOGIN_PATH);
    }
  }, []);

  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const value = useMemo<AuthContextValue>(() => {
    const me = session.data?.user ?? null;
    return {
      me,
      csrfToken: session.data?.csrfToken ?? null,
      loading: session.isPending,
      error: session.error,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      login,
      loginWithCode,
      logout,
      refresh,
    };
  }, [session.data, session.isPending, session.error, login, loginWithCode, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user, for pages that only render behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe must be used behind <RequireAuth>');
  return me;
}
