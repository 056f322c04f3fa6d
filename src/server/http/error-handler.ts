import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../platform/errors.js';

const PART_LABELS: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Postgres errors that bad input can still reach, as user errors rather than 500s. */
function fromDatabase(error: { code?: string; constraint?: string }): AppError | null {
  switch (error.code) {
    case '23505':
      return new AppError('CONFLICT', '数据重复：与已有记录冲突', 'Duplicate: conflicts with an existing record');
    case '23503':
      return new AppError('CONFLICT', '引用的记录不存在或仍被引用', 'A referenced record is missing or still in use');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new AppError('VALIDATION', '输入的数值或日期无效', 'An input value or date is invalid');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', '并发操作冲突，请重试', 'Concurrent change; please retry');
    default:
      return null;
  }
}

/** Every error becomes `{error: {code, message, messageEn, fields?}}`; never a stack trace. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const part = PART_LABELS[(error as { validationContext?: string }).validationContext ?? 'body'] ?? '';
      const fields = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || part,
        reason: v.message ?? '无效',
      }));
      appError = new AppError('VALIDATION', `${part}有误：${fields.map((f) => `${f.field} ${f.reason}`).join('；')}`, 'The request has invalid fields', fields);
    } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error.statusCode === 400 && error instanceof SyntaxError)) {
      appError = new AppError('VALIDATION', '请求体不是合法的 JSON', 'The request body is not valid JSON');
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      appError = new AppError('VALIDATION', '请求体为空，应为 JSON', 'The request body is empty; JSON expected');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      appError = new AppError('PAYLOAD_TOO_LARGE', '请求体过大', 'The request body is too large');
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      appError = new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请使用 application/json', 'Unsupported content type; use application/json');
    } else if (error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      appError = new AppError('VALIDATION', '请求长度与内容不符', 'Content-Length does not match the body');
    } else {
      appError =
        // The driver's error arrives as the `cause` of drizzle's DrizzleQueryError.
        fromDatabase(error as { code?: string }) ??
        fromDatabase((error as { cause?: { code?: string } }).cause ?? {}) ??
        (error.statusCode && error.statusCode < 500
          ? new AppError('VALIDATION', '请求无效', error.message)
          : new AppError('INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员', 'Internal error'));
      if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    }
    if (appError.headers) void reply.headers(appError.headers);
    return reply.status(appError.status).type('application/json; charset=utf-8').send(appError.toBody());
  });
}
