import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import type { CheckInResult } from './api';
import { checkIn } from './api';

/** What the activity's QR opens on the worker's phone: checks them in once, and says so. */
export function CheckInPage() {
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const [result, setResult] = useState<CheckInResult>();
  const [error, setError] = useState<string>();
  const sent = useRef(false);
  useEffect(() => {
    // Once per opening: React's development double effect must not send twice (the server would say "already").
    if (sent.current) return;
    sent.current = true;
    checkIn(token).then(setResult, (e: unknown) => setError(errorMessage(e)));
  }, [token]);
  if (error) return <Result status="error" title="签到未成功" subTitle={error} extra={<Button href="/">返回首页</Button>} />;
  if (!result) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  return <Result status="success" title={result.already ? '您已签到过了' : '签到成功'} subTitle={`${result.name}，欢迎参加「${result.title}」`} data-testid="check-in-done" />;
}
