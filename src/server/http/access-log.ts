import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** A request this slow is logged at warn (the others at debug). */
const SLOW_REQUEST_MS = 1000;

/**
 * One access line per request (`"msg":"request"`: method, URL, status, milliseconds, user) in place of
 * Fastify's two info lines: at debug normally, at warn when slow, at error for a 5xx or a failed response
 * (docs/operations.md, "Logs"). Those two lines were most of the terminal's output and about a tenth of a
 * request's CPU, every line a write to stdout.
 */
export class AccessLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const ms = Math.round(reply.elapsedTime);
    const level = error || reply.statusCode >= 500 ? 'error' : ms >= SLOW_REQUEST_MS ? 'warn' : 'debug';
    reply.log[level]({ method: request.method, url: request.url, statusCode: reply.statusCode, ms, userId: request.actor?.userId, ...(error ? { err: error } : {}) }, 'request');
  }
}
