import { api, ApiError, type QueryParams } from '../lib/api';

export { ApiError, errorMessage } from '../lib/api';

/**
 * The phone pages' door to the server: lib/api.ts's request (JSON, the CSRF
 * header, the server's Chinese message in an ApiError), except that a 401 is
 * the page's to handle — a worker is never sent to the staff login.
 */
export const phoneApi = {
  get: <T>(path: string, query?: QueryParams) => api.get<T>(path, query, { redirectOn401: false }),
  /** With `idempotencyKey`, a retry of the same submission returns the first answer instead of doing it again. */
  post: <T = void>(path: string, body?: unknown, options: { idempotencyKey?: string } = {}) =>
    api.post<T>(path, body, { redirectOn401: false, headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : undefined }),
};

/** No answer at all (offline, or the connection dropped): worth keeping the submission and trying again. */
export const isNetworkError = (error: unknown) => error instanceof ApiError && error.status === 0;

/**
 * A fresh idempotency key: 128 random bits, base64url. getRandomValues, not
 * randomUUID: the latter needs a secure context, and a union may serve the
 * pages over plain http on its LAN.
 */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
