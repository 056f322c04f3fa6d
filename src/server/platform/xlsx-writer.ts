import type { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';

/** Rows of an export are read this many at a time. */
export const EXPORT_PAGE = 1000;

/** A column of a generated sheet: its header and width in characters. */
export interface SheetColumn {
  header: string;
  width: number;
}

/**
 * Rows, page by page, into `out` as a one-sheet xlsx: streamed (never all in memory), the header bold and
 * frozen, waiting for the socket to drain between pages. How many rows were written.
 */
export async function writeSheet(out: Writable, name: string, columns: readonly SheetColumn[], pages: AsyncIterable<readonly (readonly unknown[])[]>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  for await (const page of pages) {
    for (const row of page) sheet.addRow([...row]).commit();
    written += page.length;
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

/** Where a newest-first export stopped: the last row's time as PostgreSQL's text (a JS Date drops the microseconds and would skip rows) and id. */
export type NewestFirstKey = { at: string; id: number };

/** The rows after `key` in newest-first order, for the next page of an export (the log's time index serves it). */
export const olderThan = (at: AnyPgColumn, id: AnyPgColumn, key: NewestFirstKey) => sql`(${at}, ${id}) < (${key.at}::timestamptz, ${key.id})`;

/** A log's pages, newest first, by key (never OFFSET deep into the log): `read` gets the key after which to continue. */
export async function* pagesNewestFirst<R extends { atKey: string; id: number }>(read: (after: NewestFirstKey | null) => Promise<R[]>) {
  let after: NewestFirstKey | null = null;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    after = { at: last.atKey, id: last.id };
  }
}
