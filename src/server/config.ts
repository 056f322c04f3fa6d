import { resolve } from 'node:path';

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
  webDir: string;
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
    webDir: resolve(env.LIANXIN_WEB_DIR ?? './dist/web'),
  };
}
