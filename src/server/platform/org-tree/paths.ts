import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';

export interface SubtreeMove {
  oldPath: string;
  newPath: string;
}

/** Modules that copy an org's path into their rows (DESIGN §2) keep it right through this hook. */
export type SubtreeMovedHook = (tx: Db, move: SubtreeMove) => Promise<void>;

/**
 * Rewrite one copied path column after a subtree moved: every path under the
 * old one gets the new prefix. `subpath(path, nlevel(old) - 1)` starts at the
 * moved org's own label.
 */
export async function rewriteCopiedPaths(tx: Db, column: AnyPgColumn, move: SubtreeMove) {
  const newParent = move.newPath.split('.').slice(0, -1).join('.');
  const target = sql.identifier(column.name);
  const table = column.table as unknown as SQL;
  await tx.execute(sql`
    update ${table} set ${target} = ${newParent}::ltree || subpath(${target}, nlevel(${move.oldPath}::ltree) - 1)
    where ${target} <@ ${move.oldPath}::ltree`);
}

/** A hook for a module's copied path columns. */
export const pathCopies =
  (...columns: AnyPgColumn[]): SubtreeMovedHook =>
  async (tx, move) => {
    for (const column of columns) await rewriteCopiedPaths(tx, column, move);
  };
