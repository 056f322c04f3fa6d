import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** One figure per line: `bench <suite>.<figure> <number> <unit>`. */
export function report(suite: string, figure: string, value: number, unit: string) {
  console.log(`bench ${suite}.${figure} ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`);
}

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `lianxin-bench-${label}-`));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Start the real server (or `script`) as a separate process and wait for its first healthy answer. */
export async function startServer(env: Record<string, string>, script: readonly string[] = ['src/server/main.ts', 'start']): Promise<RunningServer & { msToHealthy: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...script], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const msToHealthy = performance.now() - started;
  return {
    url,
    process: child,
    msToHealthy,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The bare-Fastify baseline (bench/bare-server.ts); GET /api/health answers a small JSON. */
export const startBareServer = () => startServer({}, ['bench/bare-server.ts']);

/** Run `request` from `concurrency` loops for `seconds`; latency percentiles in ms. */
export async function load(request: () => Promise<void>, options: { concurrency: number; seconds: number }) {
  const latencies: number[] = [];
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await request();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** A fresh UTF-8 database on the server for one bench run; dropped by `drop`. */
export async function createServerDatabase(serverUrl: string, label: string) {
  const name = `lianxin_bench_${label}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    /** BENCH_KEEP_DB=1 keeps it (to EXPLAIN a case's query on the bench's data); its name is printed. */
    async drop() {
      if (process.env.BENCH_KEEP_DB === '1') console.log(`bench database kept: ${name} (drop it when done)`);
      else await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
