import { describe, expect, it } from 'vitest';
import { logFormatFor, prettyLine } from './access-log.js';

describe('log format', () => {
  it('is short lines at a terminal and JSON elsewhere or when asked', () => {
    expect(logFormatFor({}, true)).toBe('pretty');
    expect(logFormatFor({}, false)).toBe('json');
    expect(logFormatFor({ LIANXIN_LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormatFor({ LIANXIN_LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('writes a request as method, path, status and milliseconds', () => {
    const time = new Date(2026, 11, 6, 12, 3, 4).getTime();
    expect(prettyLine(JSON.stringify({ level: 30, time, msg: 'request', method: 'GET', url: '/api/members?page=2', statusCode: 200, ms: 12 }))).toBe(
      '12:03:04 GET /api/members?page=2 200 12ms',
    );
    expect(prettyLine(JSON.stringify({ level: 40, time, msg: 'request', method: 'POST', url: '/api/x', statusCode: 200, ms: 1500 }))).toBe('12:03:04 WARN POST /api/x 200 1500ms');
    expect(prettyLine(JSON.stringify({ level: 50, time, msg: 'boom', err: { stack: 'Error: boom\n    at x' } }))).toBe('12:03:04 ERROR boom\nError: boom\n    at x');
    expect(prettyLine('not json')).toBe('not json');
  });
});
