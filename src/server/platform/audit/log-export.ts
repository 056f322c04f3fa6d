import type { Writable } from 'node:stream';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { beijingDateTime } from '../beijing-time.js';
import { requirePaths } from '../scope.js';
import { type SheetColumn, writeSheet } from '../xlsx-writer.js';
import { recordAudit } from './audit.js';

/**
 * A log taken out as an xlsx (the operation log, the login log): the export is itself an audit row, where
 * the reader works, with the filter and how many rows; the file is named 操作日志-202612061605.xlsx.
 */
export async function prepareLogExport(
  db: Db,
  actor: Actor,
  log: { action: string; name: string; fallbackName: string; total: number; filter: object; columns: readonly SheetColumn[]; rows: () => AsyncIterable<readonly (readonly unknown[])[]> },
) {
  const paths = requirePaths(actor, 'audit.read');
  const grant = actor.grants.find((g) => paths.includes(g.orgPath))!;
  await recordAudit(db, actor, {
    action: log.action,
    entityType: 'audit_log',
    tenantId: grant.tenantId,
    orgPath: grant.orgPath,
    summary: `导出${log.name} ${log.total} 条`,
    after: { filter: Object.fromEntries(Object.entries(log.filter).filter(([, v]) => v !== undefined && v !== '')), count: log.total },
  });
  const stamp = beijingDateTime(new Date()).replace(/\D/g, '');
  return {
    fileName: `${log.name}-${stamp}.xlsx`,
    fallbackName: `${log.fallbackName}-${stamp}.xlsx`,
    write: (out: Writable) => writeSheet(out, log.name, log.columns, log.rows()),
  };
}
