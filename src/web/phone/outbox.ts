import { useCallback, useEffect, useRef, useState } from 'react';
import { isNetworkError, newIdempotencyKey } from './api';

/**
 * Forms filled without a connection: the submission waits on the phone
 * (localStorage, it survives closing the page) and goes when the connection is
 * back — on the `online` event, on reopening the page, or on a tap. Each
 * submission carries one idempotency key from its first attempt to its last,
 * so a retry whose first attempt did reach the server returns that answer
 * instead of submitting again.
 */
export interface PendingSubmission<T> {
  key: string;
  body: T;
  savedAt: string;
}

const STORAGE_PREFIX = 'lianxin.phone.pending.';

/** The submission waiting under `id`, if any: for a page that cannot open its form without a connection to say so. */
export const keptSubmission = (id: string) => load<unknown>(id);

function load<T>(id: string): PendingSubmission<T> | null {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + id);
    return raw ? (JSON.parse(raw) as PendingSubmission<T>) : null;
  } catch {
    return null;
  }
}

function store<T>(id: string, pending: PendingSubmission<T> | null) {
  if (pending) localStorage.setItem(STORAGE_PREFIX + id, JSON.stringify(pending));
  else localStorage.removeItem(STORAGE_PREFIX + id);
}

/**
 * Submit through the outbox. `id` names the form (one waiting submission per
 * id); `send` posts with the key; `onSent` runs once with the server's answer.
 * `submit` rethrows any answer other than "no connection" for the page to show;
 * a waiting submission the server then refuses comes back as `failed`.
 */
export function useOutbox<T, R>(id: string, send: (body: T, key: string) => Promise<R>, onSent: (result: R) => void) {
  const [pending, setPending] = useState<PendingSubmission<T> | null>(() => load<T>(id));
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  // One key per filled form: a resubmission after an error is the same submission.
  const key = useRef(pending?.key ?? newIdempotencyKey());
  const busy = useRef(false);
  const latest = useRef({ send, onSent });
  useEffect(() => {
    latest.current = { send, onSent };
  });

  const attempt = useCallback(
    async (body: T, fromOutbox: boolean) => {
      if (busy.current) return;
      busy.current = true;
      setSending(true);
      setFailed(null);
      try {
        const result = await latest.current.send(body, key.current);
        store(id, null);
        setPending(null);
        latest.current.onSent(result);
      } catch (error) {
        if (isNetworkError(error)) {
          const waiting = { key: key.current, body, savedAt: new Date().toISOString() };
          store(id, waiting);
          setPending(waiting);
        } else {
          store(id, null);
          setPending(null);
          if (fromOutbox) setFailed(error);
          else throw error;
        }
      } finally {
        busy.current = false;
        setSending(false);
      }
    },
    [id],
  );

  const retry = useCallback(() => {
    const waiting = load<T>(id);
    if (waiting) void attempt(waiting.body, true);
  }, [attempt, id]);

  // Send what waits when the connection comes back, and on opening the page (it may have come back while it was closed).
  useEffect(() => {
    if (navigator.onLine) retry();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [retry]);

  /** Give up a waiting submission (the worker will fill the form again, or apply at the desk). */
  const discard = useCallback(() => {
    store(id, null);
    setPending(null);
    key.current = newIdempotencyKey();
  }, [id]);

  return { submit: (body: T) => attempt(body, false), pending, sending, failed, retry, discard };
}

export type Outbox<T, R = unknown> = ReturnType<typeof useOutbox<T, R>>;
