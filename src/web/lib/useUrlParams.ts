import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type UrlChanges = Record<string, string | number | null | undefined>;

/**
 * Page state kept in the query string, so a reload or a shared link shows the
 * same thing. Empty values are dropped; history is replaced, not pushed, so
 * typing in a search box does not flood the back button.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();

  const update = useCallback(
    (changes: UrlChanges) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return [params, update] as const;
}

/** A positive integer from the query string, else null. */
export function intParam(params: URLSearchParams, key: string): number | null {
  const value = Number(params.get(key));
  return Number.isInteger(value) && value > 0 ? value : null;
}
