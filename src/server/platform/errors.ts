/**
 * Typed errors with stable codes. Every error a user can cause is one of these;
 * the error handler maps them to HTTP and the web app switches on `code`.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  /** The record is there but what was asked of it is no longer kept (retention). */
  | 'GONE'
  | 'TOO_MANY_REQUESTS'
  | 'REQUEST_TIMEOUT'
  | 'PAYLOAD_TOO_LARGE'
  /** A path segment longer than the router takes (Fastify's maxParamLength). */
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CSRF'
  | 'INTERNAL';

export interface FieldIssue {
  field: string;
  reason: string;
}

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Chinese message shown to the user. */
    message: string,
    readonly messageEn: string,
    readonly fields?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageEn: this.messageEn,
        ...(this.fields?.length ? { fields: this.fields } : {}),
      },
    };
  }
}

export const validationError = (fields: FieldIssue[], message?: string) =>
  new AppError(
    'VALIDATION',
    message ?? fields.map((f) => `${f.field}：${f.reason}`).join('；'),
    'The request has invalid fields',
    fields,
  );

export const notFound = (what = '记录', whatEn = 'record') =>
  new AppError('NOT_FOUND', `${what}不存在或不在您的管理范围内`, `No such ${whatEn} within your scope`);

/** An address with no route (or one that must look so): the method only, an answer never quotes the request. */
export const noSuchRoute = (method: string) => new AppError('NOT_FOUND', `接口不存在（${method}）`, `No such route (${method})`);

export const forbidden = (message = '您没有执行此操作的权限', messageEn = 'You may not do this') =>
  new AppError('FORBIDDEN', message, messageEn);

export const conflict = (message: string, messageEn: string) => new AppError('CONFLICT', message, messageEn);

export const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', '请先登录', 'Please sign in');

/** One record's outcome of a bulk action: done, or refused and why. */
export type BulkResult = { id: number; ok: true } | { id: number; ok: false; code: string; message: string };

/**
 * A bulk action (批量): `one` on each id in turn, each alone (its own transaction), so a refusal stops nothing.
 * One result per id, in order: done, or refused with the code and the Chinese message the single action would
 * have answered. An error that is no AppError (a defect, the database gone) is thrown: the records before it stay done.
 */
export async function eachAlone(ids: readonly number[], one: (id: number) => Promise<unknown>): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of ids) {
    try {
      await one(id);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, code: error.code, message: error.message });
    }
  }
  return results;
}
