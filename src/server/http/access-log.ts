import { Writable } from 'node:stream';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** A request this slow is logged at warn (the others at the access level). */
const SLOW_REQUEST_MS = 1000;

/** `pretty`: one short line per record for a person at a terminal; `json`: pino's lines for a collector. */
export type LogFormat = 'pretty' | 'json';

/** JSON unless stdout is a terminal, or whenever LIANXIN_LOG_FORMAT=json asks for it. */
export function logFormatFor(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): LogFormat {
  if (env.LIANXIN_LOG_FORMAT === 'json') return 'json';
  if (env.LIANXIN_LOG_FORMAT === 'pretty') return 'pretty';
  return stdoutIsTty ? 'pretty' : 'json';
}

/**
 * One access line per request (`"msg":"request"`: method, URL, status, milliseconds, user) in place of
 * Fastify's two info lines: at warn when slow, at error for a 5xx or a failed response, otherwise at
 * `level` — info at a terminal (a person watching wants to see each request), debug in JSON (a collector
 * gets the proxy's log; docs/operations.md, "Logs"). Fastify's own two lines were most of the output and
 * about a tenth of a request's CPU, every line a write to stdout.
 */
export class AccessLog extends LogController {
  constructor(private readonly level: 'info' | 'debug' = 'debug') {
    super();
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const ms = Math.round(reply.elapsedTime);
    const level = error || reply.statusCode >= 500 ? 'error' : ms >= SLOW_REQUEST_MS ? 'warn' : this.level;
    reply.log[level]({ method: request.method, url: request.url, statusCode: reply.statusCode, ms, userId: request.actor?.userId, ...(error ? { err: error } : {}) }, 'request');
  }
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One pino JSON record as a short line: `12:03:04 GET /api/members 200 12ms`, other records `12:03:04 WARN msg`. */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now()).toTimeString().slice(0, 8);
  const level = typeof record.level === 'number' ? record.level : 30;
  const mark = level >= 40 ? ` ${LEVEL_NAMES[level] ?? level}` : '';
  const err = record.err as { stack?: string; message?: string } | undefined;
  const tail = err ? `\n${err.stack ?? err.message ?? ''}` : '';
  if (record.msg === 'request') return `${time}${mark} ${String(record.method)} ${String(record.url)} ${String(record.statusCode)} ${String(record.ms)}ms${tail}`;
  return `${time}${mark} ${String(record.msg ?? '')}${tail}`;
}

/** The destination of the pretty format: pino writes whole JSON lines; each becomes one short line on `out`. */
export function prettyStream(out: NodeJS.WritableStream = process.stdout): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) out.write(`${prettyLine(line)}\n`);
      done();
    },
  });
}
