import { execFileSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { report, startServer } from './lib.js';

/**
 * `npm run bench phone`: what a worker's phone downloads and waits for. For
 * /join (a union's QR code), /me (the phone app's shell where no /me page
 * exists yet) and, as the baseline, the staff console's /login: the compressed
 * bytes of JavaScript and CSS (response bodies as sent), and the time from
 * navigation to the page's main control being on screen, in Chromium at
 * 390×844 on DevTools' "slow 4G" (Lighthouse's mobile profile: 562.5 ms
 * latency, 1.47 Mb/s down, 608 kb/s up) with the CPU 4× slower. A cold visit
 * each time: a fresh browser context, no cache, no service worker. The median
 * of RUNS visits; the target is under 3 s.
 */
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 3);
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (607.5 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

interface Visit {
  js: number;
  css: number;
  usableMs: number;
}

async function visit(page: Page, url: string, ready: string): Promise<Visit> {
  const bodies: Promise<{ type: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    bodies.push(
      (async () => {
        const response = await request.response();
        return { type: response?.headers()['content-type'] ?? '', bytes: (await request.sizes()).responseBodySize };
      })(),
    );
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url, { waitUntil: 'commit' });
  // Milliseconds since navigation start, taken in the page when the control is laid out.
  const usable = await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector);
      return el && el.getBoundingClientRect().height > 0 ? performance.now() : null;
    },
    ready,
    { polling: 'raf', timeout: 120_000 },
  );
  const usableMs = Math.round((await usable.jsonValue()) as number);
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(bodies);
  const sum = (pattern: RegExp) => sizes.filter((s) => pattern.test(s.type)).reduce((total, s) => total + s.bytes, 0);
  return { js: sum(/javascript/), css: sum(/text\/css/), usableMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs against a server on `env`'s database, the Pinghu demo loaded (for a real union's join page). */
export async function phoneBench(env: Record<string, string>) {
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'demo'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const server = await startServer(env);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const union = (await (await fetch(`${server.url}/api/public/unions?q=${encodeURIComponent('当湖站点')}`)).json()) as { items: { id: number }[] };
    const pages: [string, string, string][] = [
      ['join', `/join/${union.items[0].id}`, '[data-testid=join-submit]'],
      ['me', '/me', '[data-testid=phone-page]'],
      ['console_login', '/login', '[data-testid=login-submit]'],
    ];
    for (const [name, path, ready] of pages) {
      const visits: Visit[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers: 'block' });
        try {
          visits.push(await visit(await context.newPage(), server.url + path, ready));
        } finally {
          await context.close();
        }
      }
      report('phone', `${name}_js_compressed`, Math.round(median(visits.map((v) => v.js)) / 1024), 'KiB');
      report('phone', `${name}_css_compressed`, Math.round(median(visits.map((v) => v.css)) / 1024), 'KiB');
      report('phone', `${name}_usable_slow4g_cpu4x`, median(visits.map((v) => v.usableMs)), 'ms');
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
