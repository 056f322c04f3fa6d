/**
 * The one door to the server: JSON in and out, the CSRF header on writes, and
 * every failure turned into an ApiError carrying the server's Chinese message.
 */

export interface FieldIssue {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A page of a server-paginated list. */
export interface Page<T> {
  items: T[];
  /** Exact, or (with `totalCapped`) the most a list counts: more rows match. */
  total: number;
  /** Large lists (the member registry) stop counting at a window: the page shows "10,000+". */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

/** A page that may come without its count (`total: null`: the member registry's broad searches), which `ListTotal` then brings. */
export type PageMaybeCounted<T> = Omit<Page<T>, 'total'> & { total: number | null };

/** A list's count, fetched apart from its page. */
export interface ListTotal {
  total: number;
  totalCapped: boolean;
}

export type PageParams = {
  page: number;
  pageSize: number;
};

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** A multipart form (an upload): sent as it is, the browser writes its content type. */
  form?: FormData;
  /** Login and the session probe expect 401 and handle it themselves. */
  redirectOn401?: boolean;
  /** Extra request headers (the phone app's Idempotency-Key). */
  headers?: Record<string, string>;
}

let csrfToken: string | null = null;

/** Set by the auth provider whenever a session is established or refreshed. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export const LOGIN_PATH = '/login';

/** `path?query`, leaving out empty values; also the address of a download (a plain link). */
export function toUrl(path: string, query?: QueryParams) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface ErrorBody {
  error?: { code?: string; message?: string; messageEn?: string; fields?: FieldIssue[] };
}

async function toApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  const error = body?.error;
  if (error?.code && error.message) {
    return new ApiError(res.status, error.code, error.message, error.messageEn ?? '', error.fields ?? []);
  }
  // Not our JSON: a proxy or gateway answered.
  return new ApiError(res.status, 'INTERNAL', `服务暂时不可用（HTTP ${res.status}），请稍后重试`, `HTTP ${res.status}`);
}

/** After the session has expired, start over at the login page and come back afterwards. */
function redirectToLogin() {
  if (window.location.pathname === LOGIN_PATH) return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`${LOGIN_PATH}?next=${encodeURIComponent(next)}`);
}

/** The response of a request that succeeded; any other answer thrown as an ApiError. */
async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(toUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', 'Network error');
  }

  if (!res.ok) {
    if (res.status === 401 && options.redirectOn401 !== false) redirectToLogin();
    throw await toApiError(res);
  }
  return res;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The file name a Content-Disposition gives (RFC 6266: `filename*` in UTF-8 first, else `filename`). */
function fileNameOf(disposition: string | null) {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? null;
}

/**
 * A file the server makes (an export, a report), saved under the name the server gives it. Fetched rather
 * than linked: a refused export (a filter out of range, an org that does not exist) then shows its
 * message instead of being saved as a file of JSON.
 */
export async function downloadFile(path: string) {
  const res = await send('GET', path, { headers: { accept: '*/*' } });
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res.headers.get('content-disposition')) ?? path.split('/').at(-1)!.split('?')[0];
  link.click();
  // The click starts the save; the blob may go once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T = void>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData, query?: QueryParams) => request<T>('POST', path, { form, query }),
};

/** The Chinese message to show for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
