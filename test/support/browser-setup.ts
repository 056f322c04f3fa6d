import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string | null;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Build the web app if stale and find Chromium. Without Chromium the browser
 * tests are skipped on a developer machine (with a loud note) but fail in CI.
 */
export default function setup(project: TestProject) {
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  const found = existsSync(CHROMIUM);
  if (!found) {
    const message = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
    if (process.env.CI) throw new Error(message);
    console.warn(`\n!!! ${message}: browser tests are SKIPPED on this machine.\n`);
  }
  project.provide('chromiumPath', found ? CHROMIUM : null);
}
