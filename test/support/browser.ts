import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Database } from '../../src/server/db/client.js';
import type { Services } from '../../src/server/services.js';
import { openTestDatabase, TEST_SECRET } from './app.js';

export const chromiumPath = () => inject('chromiumPath');

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  services: Services;
  database: Database;
  newPage(options?: { mobile?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** The real server on a random port with the built web app, and a headless Chromium. */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  const database = await openTestDatabase();
  const { app, services } = await buildApp({ trustProxy: false, secureCookies: false, webDir: resolve('dist/web'), logLevel: 'silent', secret: TEST_SECRET }, database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath()!,
    headless: true,
    // The machine has no network: keep Chromium from calling home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    baseUrl,
    browser,
    services,
    database,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        ...(options.mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } }),
      });
      const page = await context.newPage();
      // A console error in our pages is a bug: collect them for the test to assert on.
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

export const pageErrors: string[] = [];
