import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, errorMessage, setCsrfToken } from '../../../lib/api';
import { Button, Card, LoadError, Loading, Notice, PhonePage, TextInput } from '../../../phone/ui';
import { fetchSession, signIn } from './me-api';

/**
 * The worker's own pages need a session (the phone shell keeps none): the session's CSRF token is set for
 * the writes, and without a session the worker signs in here, on the phone page itself, not the staff login.
 * The sign-in by SMS code (issue 14) replaces the password form when it comes.
 */
export function SignedIn({ title, children }: { title: string; children: ReactNode }) {
  const session = useQuery({
    queryKey: ['phone-session'],
    queryFn: async () => {
      const current = await fetchSession();
      setCsrfToken(current.csrfToken);
      return current;
    },
    retry: false,
  });
  if (session.isPending) return <PhonePage title={title}>{<Loading />}</PhonePage>;
  if (session.error instanceof ApiError && session.error.status === 401) return <SignInForm title={title} />;
  if (session.error) return <PhonePage title={title}>{<LoadError error={session.error} notFound="" onRetry={() => void session.refetch()} />}</PhonePage>;
  return <>{children}</>;
}

function SignInForm({ title }: { title: string }) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError('请填写账号和密码');
    setBusy(true);
    try {
      const session = await signIn(username.trim(), password);
      setCsrfToken(session.csrfToken);
      await queryClient.invalidateQueries();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PhonePage title={title}>
      <Card title="登录后查看我的会籍">
        <form onSubmit={submit} data-testid="me-sign-in">
          {error && <Notice kind="error">{error}</Notice>}
          <TextInput label="账号" value={username} onChange={setUsername} autoComplete="username" testId="me-username" />
          <TextInput label="密码" type="password" value={password} onChange={setPassword} autoComplete="current-password" testId="me-password" />
          <Button type="submit" variant="primary" size="large" block loading={busy} testId="me-sign-in-submit">
            登录
          </Button>
        </form>
      </Card>
    </PhonePage>
  );
}
