/**
 * One roster import, end to end, in a process of its own (so its peak RSS is
 * the import's): read and validate the xlsx, stage and classify it (the
 * preview), then commit it. Runs through the service exactly as the upload
 * route does once the file is on disk, into the configured database
 * (LIANXIN_DATA_DIR or DATABASE_URL), which must hold the Pinghu demo
 * (`npm run demo`; the bench runner loads it in a process of its own first,
 * so that this process starts as a server does, on a database that exists).
 * Prints one JSON line. Used by `npm run bench import`.
 *
 *   node --import tsx bench/import.ts --file roster.xlsx
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { loadConfig, resolveSecret } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/open.js';
import { createMemberImportService } from '../src/server/modules/members/import/service.js';
import { orgs } from '../src/server/platform/org-tree/schema.js';
import { systemActor } from '../src/server/platform/actor.js';
import { createPersonalDataCipher } from '../src/server/platform/personal-data.js';
import { createServices } from '../src/server/services.js';

const { values } = parseArgs({ options: { file: { type: 'string' } } });
if (!values.file) throw new Error('--file roster.xlsx is required');

const config = loadConfig();
const database = await openDatabase({ ...config });
try {
  const secret = config.secret ?? resolveSecret(config);
  const services = createServices(database.db, { secret });
  // The service as the app builds it, but without the upload route's 50 MB limit: a million lines written
  // with inline strings (exceljs's streaming writer) take some 70 MB, though Excel's own shared strings would be smaller.
  const imports = createMemberImportService({ db: database.db, orgs: services.orgs, members: services.members, workflow: services.workflow, settings: services.settings, cipher: createPersonalDataCipher(secret), secret, today: () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), maxFileBytes: Infinity });
  // The demo's 嘉达光电 union: a grassroots union, as most rosters' are.
  const [union] = await database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, '平湖嘉达光电科技有限公司工会'));
  if (!union) throw new Error('the database does not hold the Pinghu demo: run `npm run demo` first');
  const actor = systemActor(await services.rootOrg());

  // Sample the resident set while it runs, to see where the peak is.
  let peakPhase = '';
  let peak = 0;
  let phase = 'read';
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) [peak, peakPhase] = [rss, phase];
  }, 200);

  const started = performance.now();
  const preview = await imports.upload(actor, { orgId: union.id, fileName: 'bench-roster.xlsx', path: values.file, wait: true });
  const previewed = performance.now();
  phase = 'commit';
  const committed = await imports.commit(actor, preview.id);
  const finished = performance.now();
  // The search index's merge that the commit leaves to the background (import/service.ts settleSearchIndex).
  await imports.drain();
  const settled = performance.now();
  clearInterval(sampler);

  console.log(
    JSON.stringify({
      db: database.kind,
      rows: preview.counts.total,
      counts: committed.counts,
      state: committed.state,
      previewMs: Math.round(previewed - started),
      commitMs: Math.round(finished - previewed),
      totalMs: Math.round(finished - started),
      mergeMs: Math.round(settled - finished),
      maxRssKiB: process.resourceUsage().maxRSS,
      peakPhase,
    }),
  );
} finally {
  await database.close();
}
