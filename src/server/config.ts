import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StartupError } from './db/client.js';
import { type LogFormat, logFormatFor } from './http/access-log.js';
import { generateSecret } from './platform/personal-data.js';
import { type SmsSettings, smsSettingsFromEnv } from './platform/sms/providers.js';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Behind a reverse proxy, trust X-Forwarded-For for client IPs. */
  trustProxy: boolean;
  /** Set the Secure flag on cookies (production over HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  /** A short line per request at a terminal, JSON otherwise (http/access-log.ts logFormatFor). */
  logFormat: LogFormat;
  webDir: string;
  /** LIANXIN_SECRET: encrypts and hashes resident ID numbers; see resolveSecret. */
  secret?: string;
  /** Which SMS provider sends (LIANXIN_SMS_*, docs/operations.md). */
  sms: SmsSettings;
  /** LIANXIN_SMS_REPORT_TOKEN: the secret in the addresses providers push delivery receipts to; none, no such addresses. */
  smsReportToken?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.LIANXIN_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    trustProxy: env.LIANXIN_TRUST_PROXY === '1' || env.LIANXIN_TRUST_PROXY === 'true',
    secureCookies: env.LIANXIN_SECURE_COOKIES === '1' || env.LIANXIN_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: logFormatFor(env, process.stdout.isTTY === true),
    webDir: resolve(env.LIANXIN_WEB_DIR ?? './dist/web'),
    secret: env.LIANXIN_SECRET || undefined,
    sms: smsSettingsFromEnv(env),
    smsReportToken: smsReportTokenFromEnv(env),
  };
}

/** The receipts' secret is all that guards them: a short one is refused at start. */
function smsReportTokenFromEnv(env: NodeJS.ProcessEnv) {
  const token = env.LIANXIN_SMS_REPORT_TOKEN;
  if (!token) return undefined;
  if (!/^[A-Za-z0-9_-]{24,128}$/.test(token)) throw new StartupError('LIANXIN_SMS_REPORT_TOKEN 须为 24–128 位字母、数字、- 或 _（如 openssl rand -hex 16） must be 24–128 URL-safe characters');
  return token;
}

/**
 * The key material for personal data. With PGlite a secret is generated once
 * into the data folder (so `npm start` needs no setup); a server deployment
 * must pass LIANXIN_SECRET, kept apart from the database and its backups.
 */
export function resolveSecret(config: Pick<Config, 'secret' | 'databaseUrl' | 'dataDir'>): string {
  if (config.secret) {
    if (config.secret.length < 32) throw new StartupError('LIANXIN_SECRET 至少 32 个字符 must be at least 32 characters');
    return config.secret;
  }
  if (config.databaseUrl) {
    throw new StartupError(
      '使用 PostgreSQL 服务器时必须设置 LIANXIN_SECRET（至少 32 个字符，用于加密身份证号；丢失后无法解密，请妥善备份且与数据库分开保存）。\n' +
        'With DATABASE_URL, set LIANXIN_SECRET (32+ characters; it encrypts resident IDs — back it up, apart from the database). Generate one: openssl rand -base64 32',
    );
  }
  const file = join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, generateSecret(), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}
