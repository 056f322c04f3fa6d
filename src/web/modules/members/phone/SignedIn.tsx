import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError, errorMessage, setCsrfToken } from '../../../lib/api';
import { usePhoneCodeForm } from '../../../phone/form';
import { PhoneCodeFields } from '../../../phone/PhoneCodeFields';
import { Button, Card, List, ListItem, LoadError, Loading, Notice, PhonePage, TextInput } from '../../../phone/ui';
import { fetchSession, requestSignInCode, type Session, signIn, signInWithCode } from './me-api';
import { type KeptForm, KeptNotice } from './shared';
import './me.css';

/**
 * A read that failed is read again when the phone's connection comes back: React Query leaves a failed read
 * failed, and a page reopened without a connection would otherwise wait for a tap on 重试.
 */
export function useReadAgainOnline(query: { isError: boolean; refetch: () => unknown }) {
  const { isError, refetch } = query;
  useEffect(() => {
    if (!isError) return;
    const again = () => void refetch();
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [isError, refetch]);
}

/**
 * The worker's own pages need a session (the phone shell keeps none): the session's CSRF token is set for
 * the writes, and without a session the worker signs in here, on the phone page itself, not the staff login:
 * by the number on their membership and a code sent to it (the first sign-in makes their account); a worker
 * account the union made with a password may use that instead.
 */
export function SignedIn({ title, kept, children }: { title: string; kept?: KeptForm; children: ReactNode }) {
  const session = useQuery({
    queryKey: ['phone-session'],
    queryFn: async () => {
      const current = await fetchSession();
      setCsrfToken(current.csrfToken);
      return current;
    },
    retry: false,
  });
  useReadAgainOnline(session);
  if (session.isPending) {
    return (
      <PhonePage title={title}>
        <KeptNotice kept={kept} />
        <Loading />
      </PhonePage>
    );
  }
  if (session.error instanceof ApiError && session.error.status === 401) return <SignInForm title={title} />;
  if (session.error) {
    return (
      <PhonePage title={title}>
        <KeptNotice kept={kept} />
        <LoadError error={session.error} notFound="" onRetry={() => void session.refetch()} />
      </PhonePage>
    );
  }
  return <>{children}</>;
}

/**
 * The way back to the console for an account that works there too (a representative, the union's staff, who
 * opened 我的会籍 from its menu): the console is another app, loaded anew. A worker's account has none.
 */
export function BackToConsole() {
  const session = useQueryClient().getQueryData<Session>(['phone-session']);
  if (!session?.user.grants.some((g) => g.role !== 'worker')) return null;
  return (
    <Card>
      <List>
        <ListItem description="提案、诉求等工作在电脑上的工作台办理" onClick={() => window.location.assign('/')} testId="me-back-to-console">
          返回工作台
        </ListItem>
      </List>
    </Card>
  );
}

function SignInForm({ title }: { title: string }) {
  const [byPassword, setByPassword] = useState(false);
  return (
    <PhonePage title={title}>
      <Card title="登录后查看我的会籍">
        {byPassword ? <PasswordSignIn /> : <CodeSignIn />}
        <Button variant="plain" block onClick={() => setByPassword(!byPassword)} testId="me-sign-in-switch">
          {byPassword ? '用手机号验证码登录' : '用账号密码登录'}
        </Button>
      </Card>
    </PhonePage>
  );
}

/** The session is open: its CSRF token for the writes, and every query asks again. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return async (session: { csrfToken: string }) => {
    setCsrfToken(session.csrfToken);
    await queryClient.invalidateQueries();
  };
}

function CodeSignIn() {
  const signedIn = useSignedIn();
  const codeForm = usePhoneCodeForm(requestSignInCode);
  const { form, error, setError, fail } = codeForm;
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!form.check()) return;
    setBusy(true);
    try {
      await signedIn(await signInWithCode(form.values.phone.trim(), form.values.code.trim()));
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="me-sign-in">
      {error != null && <Notice kind="error">{errorMessage(error)}</Notice>}
      <PhoneCodeFields
        state={codeForm}
        placeholder="入会时登记的手机号"
        sentHint="如该手机号登记在会员信息中，验证码已发送，5 分钟内有效。"
        testIds={{ phone: 'me-phone', code: 'me-code', send: 'me-send-code' }}
      />
      <div className="me-sign-in-submit">
        <Button type="submit" variant="primary" size="large" block loading={busy} testId="me-sign-in-submit">
          登录
        </Button>
      </div>
    </form>
  );
}

function PasswordSignIn() {
  const signedIn = useSignedIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError('请填写账号和密码');
    setBusy(true);
    try {
      await signedIn(await signIn(username.trim(), password));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="me-sign-in-password">
      {error && <Notice kind="error">{error}</Notice>}
      <TextInput label="账号" value={username} onChange={setUsername} autoComplete="username" testId="me-username" />
      <TextInput label="密码" type="password" value={password} onChange={setPassword} autoComplete="current-password" testId="me-password" />
      <Button type="submit" variant="primary" size="large" block loading={busy} testId="me-password-submit">
        登录
      </Button>
    </form>
  );
}
