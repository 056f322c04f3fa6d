import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, validationError } from '../platform/errors.js';

/**
 * Every error becomes `{error: {code, message, messageEn, fields?}}` with a
 * fixed text: never a stack trace, never the raw message of a library (it may
 * quote the request: a URL, a field's value).
 */

const PART_LABELS: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Postgres errors that bad input can still reach, as user errors rather than 500s. */
function fromDatabase(error: { code?: string }): AppError | null {
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
    // Refused at the edge by the input guard (DESIGN §6); the net for text it cannot see, such as a multipart file name.
    case '22021':
    case '22P05':
      return new AppError('VALIDATION', '输入含有不允许的字符', 'An input contains a character that is not allowed');
    case '22001':
    case '54000':
      return new AppError('VALIDATION', '输入内容过长', 'An input is too long');
    case '54001':
      return new AppError('VALIDATION', '输入内容过于复杂', 'An input is too complex');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', '并发操作冲突，请重试', 'Concurrent change; please retry');
    default:
      return null;
  }
}

/** A table's own entry (an error code such as `constructor` must not find Object's). */
const entryOf = <T>(table: Record<string, T>, key: string | undefined) => (key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined);

/** @fastify/multipart's errors about the uploaded form, by code; the upload field is `file`. */
const MULTIPART_PROBLEMS: Record<string, string> = {
  FST_INVALID_MULTIPART_CONTENT_TYPE: '请以 multipart/form-data 方式上传文件',
  FST_PARTS_LIMIT: '表单中的字段或文件过多',
  FST_FILES_LIMIT: '表单中的字段或文件过多',
  FST_FIELDS_LIMIT: '表单中的字段或文件过多',
  FST_REQ_FILE_TOO_LARGE: '文件过大',
  FST_PROTO_VIOLATION: '表单字段名无效',
  FST_INVALID_JSON_FIELD_ERROR: '表单字段不是合法的 JSON',
  FST_MP_PREMATURE_CLOSE: '上传的表单不完整',
};
/**
 * busboy, the multipart parser, raises plain errors without a code (no boundary,
 * a boundary too long, a part cut short). It only ever parses the request, so an
 * error it created is always about the uploaded form.
 */
const BUSBOY_SOURCE = /[\\/]node_modules[\\/]@fastify[\\/]busboy[\\/]/;

function fromMultipart(error: FastifyError): AppError | null {
  const reason = entryOf(MULTIPART_PROBLEMS, error.code) ?? (!error.code && BUSBOY_SOURCE.test(error.stack ?? '') ? '上传的表单格式有误或不完整' : null);
  return reason ? validationError([{ field: 'file', reason }]) : null;
}

/** Fastify's own request errors, by code: [our code, message, messageEn]. */
const FASTIFY_ERRORS: Record<string, [ErrorCode, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['VALIDATION', '请求体不是合法的 JSON', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['VALIDATION', '请求体为空，应为 JSON', 'The request body is empty; JSON expected'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', '请求体过大', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请使用 application/json', 'Unsupported content type; use application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['VALIDATION', '请求长度与内容不符', 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: ['VALIDATION', '网址无效（百分号编码有误）', 'The URL is not valid (bad percent-encoding)'],
  FST_ERR_MAX_PARAM_LENGTH: ['URI_TOO_LONG', '网址中的参数过长', 'A path parameter is too long'],
};

function fromFastify(code: string | undefined): AppError | null {
  const known = entryOf(FASTIFY_ERRORS, code);
  return known ? new AppError(...known) : null;
}

/** An error of another parser or plugin that means what one of Fastify's does, by its status. */
function sameAsFastify(error: FastifyError): string | undefined {
  if (error.statusCode === 400 && error instanceof SyntaxError) return 'FST_ERR_CTP_INVALID_JSON_BODY';
  if (error.statusCode === 413) return 'FST_ERR_CTP_BODY_TOO_LARGE';
  if (error.statusCode === 415) return 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
  return undefined;
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = PART_LABELS[(error as { validationContext?: string }).validationContext ?? 'body'] ?? '';
    const fields = error.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || part,
      reason: v.message ?? '无效',
    }));
    return new AppError('VALIDATION', `${part}有误：${fields.map((f) => `${f.field} ${f.reason}`).join('；')}`, 'The request has invalid fields', fields);
  }
  return (
    fromFastify(error.code) ??
    fromMultipart(error) ??
    fromDatabase(error) ??
    // The driver's error arrives as the `cause` of drizzle's DrizzleQueryError.
    fromDatabase((error as { cause?: { code?: string } }).cause ?? {}) ??
    fromFastify(sameAsFastify(error)) ??
    (error.statusCode && error.statusCode < 500
      ? new AppError('VALIDATION', '请求无效', 'The request is invalid')
      : new AppError('INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员', 'Internal error'))
  );
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
  if (appError.headers) void reply.headers(appError.headers);
  return reply.status(appError.status).type('application/json; charset=utf-8').send(appError.toBody());
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(sendError);
}

/**
 * Fastify's `frameworkErrors` option: errors of the router (bad percent-encoding,
 * a too long parameter) before any route runs. No hook runs on these answers,
 * so the no-store that app.ts's onSend hook gives every API answer is set here.
 */
export const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendError(error, request, reply.header('cache-control', 'no-store'));

/**
 * Fastify's `clientErrorHandler` option: a request Node's HTTP parser refused
 * (malformed, headers or URL too large, too slow). No request object exists;
 * the answer is written on the socket, in our shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('HEADERS_TOO_LARGE', '请求头或网址过长', 'The request headers or URL are too large')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('REQUEST_TIMEOUT', '请求超时', 'The request timed out')
        : new AppError('VALIDATION', '请求格式无效', 'The request is malformed');
  const body = JSON.stringify(appError.toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
