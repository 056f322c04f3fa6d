/**
 * Worker thread of a big roster import: reads the file and validates its
 * lines (stage-lines.ts) while the import service's thread writes the
 * previous batches to the database. Validation (AES-GCM, keyed hashes,
 * pinyin) is most of an import's JavaScript; in a thread of its own it runs
 * beside the writing instead of between it, and beside PGlite, which shares
 * the service's thread.
 *
 * Protocol: the worker posts `{ batch }` messages and waits for an `ack` when
 * MAX_UNACKED batches are unanswered, so a slow database holds the reading
 * back (memory stays at a few batches); then `{ done }`, or `{ error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPersonalDataCipher } from '../../../platform/personal-data.js';
import { openTableFile, TableFileError, type TableFormat } from '../../../platform/table-file.js';
import type { RosterHeader } from './read-roster.js';
import { type StagedBatch, stageBatches } from './stage-lines.js';

export interface StageWorkerData {
  path: string;
  format: TableFormat;
  size: number;
  header: RosterHeader;
  secret: string;
  today: string;
}

export type StageWorkerMessage =
  | { kind: 'batch'; batch: StagedBatch; bytesRead: number }
  | { kind: 'done' }
  | { kind: 'error'; message: string; messageEn: string; roster: boolean };

/** Batches posted and not yet written. */
export const MAX_UNACKED = 2;

async function run(port: NonNullable<typeof parentPort>, data: StageWorkerData) {
  let unacked = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    unacked--;
    wake?.();
  });
  const source = await openTableFile(data.path, data.format, data.size);
  try {
    for await (const batch of stageBatches(source.rows, data.header, createPersonalDataCipher(data.secret), data.today)) {
      port.postMessage({ kind: 'batch', batch, bytesRead: source.bytesRead() } satisfies StageWorkerMessage);
      unacked++;
      while (unacked >= MAX_UNACKED) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    source.close();
  }
  port.postMessage({ kind: 'done' } satisfies StageWorkerMessage);
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as StageWorkerData)
    .catch((error: unknown) => {
      const roster = error instanceof TableFileError;
      port.postMessage({ kind: 'error', message: (error as Error).message, messageEn: roster ? error.messageEn : String(error), roster } satisfies StageWorkerMessage);
    })
    .finally(() => port.close());
}
