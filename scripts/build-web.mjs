// Build the web app when it is missing or older than its sources, so `npm start` works on a fresh clone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const output = 'dist/web/index.html';
const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const sourcesTime = Math.max(newest('src/web'), newest('vite.config.ts'), newest('src/server/http/phone-pages.ts'), newest('package-lock.json'));
if (existsSync(output) && statSync(output).mtimeMs >= sourcesTime) process.exit(0);
console.log('构建网页 Building the web app…');
// The production build whoever calls (vitest sets NODE_ENV=test, which would give React's development build).
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
