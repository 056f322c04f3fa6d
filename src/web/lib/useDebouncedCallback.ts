import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

/** `fn`, called only once calls have paused for `ms` — for search-as-you-type. */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, ms = 300) {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useLayoutEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  return useCallback(
    (...args: A) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(...args), ms);
    },
    [ms],
  );
}
