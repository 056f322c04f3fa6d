import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isCalendarDate } from '../platform/cn-ids.js';
import { validationError } from '../platform/errors.js';

/**
 * DESIGN §6: control characters and impossible dates are refused at the edge,
 * once, for every route. One hook walks what the request carries (path
 * parameters, query string, parsed JSON body) before any schema or service
 * sees it, so no route can forget: PostgreSQL refuses NUL in text (22021) and
 * `new Date('9999-99-99')` throws when it is written out.
 */

/** C0 controls except tab, line feed and carriage return; DEL; UTF-16 halves without their partner. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A date, alone or starting an ISO date-time: its calendar day is checked, whatever the field. */
const DATE_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
/** Our request bodies nest a few levels; a deeper one is an attack on whatever walks it next. */
const MAX_DEPTH = 32;
/** Field names are echoed in the error; a key that is not a plain name is shown as `*` (nothing of the input is echoed). */
const PLAIN_KEY = /^[A-Za-z0-9_]{1,64}$/;

const PARTS = [
  { label: '路径参数', read: (request: FastifyRequest) => request.params },
  { label: '查询参数', read: (request: FastifyRequest) => request.query },
  { label: '请求体', read: (request: FastifyRequest) => request.body },
] as const;

/** Why `text` is refused at the edge, or null: for text no hook sees, such as a multipart file name. */
export function textProblem(text: string): string | null {
  if (FORBIDDEN_CHARACTER.test(text)) return '含有不允许的控制字符';
  const date = DATE_LIKE.exec(text);
  if (date && !isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) return '应为有效日期（YYYY-MM-DD）';
  return null;
}

const fieldName = (path: string[], partLabel: string) => path.map((key) => (PLAIN_KEY.test(key) ? key : '*')).join('.') || partLabel;

/** The first bad text (value or key) in `value`, walked without recursion so that depth cannot overflow the stack. */
function findProblem(value: unknown, partLabel: string): { field: string; reason: string } | null {
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      const reason = textProblem(current);
      if (reason) return { field: fieldName(path, partLabel), reason };
    } else if (current !== null && typeof current === 'object') {
      if (path.length >= MAX_DEPTH) return { field: fieldName(path, partLabel), reason: `嵌套超过 ${MAX_DEPTH} 层` };
      for (const [key, child] of Object.entries(current)) {
        if (textProblem(key)) return { field: fieldName(path, partLabel), reason: '字段名含有不允许的字符' };
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of PARTS) {
      const problem = findProblem(part.read(request), part.label);
      if (problem) throw validationError([problem]);
    }
  });
}
