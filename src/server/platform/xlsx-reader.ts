/**
 * A streaming reader for the rows of an .xlsx worksheet, for big uploads.
 *
 * exceljs's streaming reader runs every tag through a general SAX parser and
 * builds a cell object per value; on a million-line roster that alone took
 * longer than everything else an import does in JavaScript. An xlsx is a zip
 * of XML files, and a worksheet's XML is regular (`<row><c><v>`), so this
 * reads the zip's central directory, inflates only the entries it needs with
 * node:zlib, and scans each batch of complete `<row>` elements with a few
 * regular expressions. Memory: the shared-string table (Excel keeps every
 * distinct text there: a roster's every ID and phone), held as UTF-8 bytes,
 * plus one chunk.
 *
 * Cells come back as Excel stored them: numbers as numbers (so an ID that
 * Excel turned into a number can be told apart), text as text, booleans,
 * `t="d"` dates as Date; errors and empty cells as null. Styles are not read,
 * so a date is its serial number, as in the file.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxRow {
  /** 1-based row number, as Excel shows it. */
  line: number;
  /** 0-based by column (A = 0); empty cells are null. */
  cells: XlsxCell[];
}

/** The file is not a readable xlsx; the message says why, in English (callers word it for their users). */
export class XlsxFormatError extends Error {
  /** `no_worksheet`: a valid workbook without sheets (what a reader tells its user differs from a damaged file). */
  constructor(
    message: string,
    readonly reason: 'damaged' | 'no_worksheet' = 'damaged',
  ) {
    super(message);
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** Uncompressed size and CRC-32, checked once the entry has been read. */
  size: number;
  crc: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The zip's entries by name, from its central directory (zip64 included). */
async function centralDirectory(handle: FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 65_535);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new XlsxFormatError('no zip end-of-central-directory record');
  let entries = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locatorAt = at - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR) throw new XlsxFormatError('zip64 locator missing');
    const record = await readAt(handle, Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw new XlsxFormatError('zip64 end record missing');
    entries = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  const directory = await readAt(handle, directoryOffset, directorySize);
  const byName = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_ENTRY) throw new XlsxFormatError('damaged zip central directory');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: directory.toString('utf8', p + 46, p + 46 + nameLength),
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      crc: directory.readUInt32LE(p + 16),
      localHeaderOffset: directory.readUInt32LE(p + 42),
    };
    // Zip64 extra field: the 64-bit values of exactly those fields that hold 0xFFFFFFFF, in this order.
    let q = p + 46 + nameLength;
    const extraEnd = q + extraLength;
    while (q + 4 <= extraEnd) {
      const id = directory.readUInt16LE(q);
      const length = directory.readUInt16LE(q + 2);
      if (id === 0x0001) {
        let r = q + 4;
        if (entry.size === 0xffffffff) {
          entry.size = Number(directory.readBigUInt64LE(r));
          r += 8;
        }
        if (entry.compressedSize === 0xffffffff) {
          entry.compressedSize = Number(directory.readBigUInt64LE(r));
          r += 8;
        }
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = Number(directory.readBigUInt64LE(r));
      }
      q += 4 + length;
    }
    byName.set(entry.name.replace(/^\/+/, ''), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return byName;
}

/** An entry's uncompressed bytes as a stream, and how many compressed bytes have been read so far. */
async function entryStream(handle: FileHandle, path: string, entry: ZipEntry) {
  const header = await readAt(handle, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new XlsxFormatError(`damaged zip entry ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) throw new XlsxFormatError(`unsupported zip compression method ${entry.method}`);
  const raw = createReadStream(path, { start, end: start + Math.max(0, entry.compressedSize - 1), highWaterMark: 256 * 1024 });
  if (entry.compressedSize === 0) raw.destroy();
  // An empty entry reads as nothing (iterating the destroyed file stream fails with "Premature close"; an inflate fed by it never ends).
  const stream = entry.compressedSize === 0 ? Readable.from([]) : entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
  raw.on('error', (error) => stream.destroy(error));
  return { stream: verified(stream, entry), compressedRead: () => raw.bytesRead, close: () => (raw.destroy(), stream.destroy()) };
}

/**
 * The bytes of `stream`, then a check of their size and CRC-32 against the
 * central directory: damaged deflate data can inflate to garbage that ends
 * early without any zlib error.
 */
async function* verified(stream: AsyncIterable<Buffer>, entry: ZipEntry): AsyncGenerator<Buffer> {
  let size = 0;
  let crc = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (size !== entry.size || crc !== entry.crc) throw new XlsxFormatError(`damaged zip entry ${entry.name} (size or checksum mismatch)`);
}

async function entryText(handle: FileHandle, path: string, entry: ZipEntry): Promise<string> {
  const { stream, close } = await entryStream(handle, path, entry);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } finally {
    close(); // a failed inflate leaves the file stream open otherwise
  }
  return Buffer.concat(chunks).toString('utf8');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character references and entities, then OOXML's `_xHHHH_` escapes for control characters. */
function decodeXml(text: string): string {
  if (text.indexOf('&') >= 0) {
    text = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref: string) =>
      ref[0] === '#' ? String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)) : ENTITIES[ref],
    );
  }
  if (text.indexOf('_x') >= 0) text = text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

const attribute = (attributes: string, name: string) => new RegExp(`(?:^|\\s)(?:\\w+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
const attributeValue = (attributes: string, name: string) => {
  const match = attribute(attributes, name);
  return match ? decodeXml(match[1] ?? match[2]) : undefined;
};

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs, leaving out phonetic hints (`<rPh>`). */
function stringItemText(xml: string): string {
  const content = xml.indexOf('<rPh') >= 0 || xml.indexOf(':rPh') >= 0 ? xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '') : xml;
  let text = '';
  for (const match of content.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g)) text += match[1] ?? '';
  return decodeXml(text);
}

/** 'BC' → 54 (0-based), from a cell reference such as 'BC12'. */
function columnIndex(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v\b[^>]*>([^<]*)<\/(?:\w+:)?v>/;
const CELL_REF = /\br\s*=\s*["']([A-Z]+)/;
const CELL_TYPE = /\bt\s*=\s*["'](\w+)/;
const ROW_NUMBER = /\br\s*=\s*["'](\d+)/;

/**
 * Excel's shared-string table as one buffer of UTF-8 and the end of each
 * string in it. A million-line roster's table holds some three million
 * strings; as JavaScript strings they would take several times the space, on
 * the heap of the import's worker thread, which runs with a bounded heap.
 */
export class SharedStrings {
  private bytes = Buffer.alloc(64 * 1024);
  private used = 0;
  private ends = new Uint32Array(4096);
  private count = 0;

  push(text: string) {
    const length = Buffer.byteLength(text);
    if (this.used + length > this.bytes.length) {
      const bytes = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bytes, 0, 0, this.used);
      this.bytes = bytes;
    }
    if (this.count === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.used += this.bytes.write(text, this.used);
    this.ends[this.count++] = this.used;
  }

  /** The string at `index`, or undefined if the table has none there. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }
}

function cellOf(type: string | undefined, content: string | undefined, sharedStrings: SharedStrings): XlsxCell {
  if (!content) return null;
  if (type === 'inlineStr') return stringItemText(content);
  const value = VALUE.exec(content)?.[1];
  if (value === undefined) return null;
  switch (type) {
    case 's': {
      const text = sharedStrings.get(Number(value));
      if (text === undefined) throw new XlsxFormatError(`shared string ${value} does not exist`);
      return text;
    }
    case 'str':
      return decodeXml(value);
    case 'b':
      return value === '1' || value === 'true';
    case 'e':
      return null;
    case 'd': {
      // A date-time without an offset is wall-clock time, like a serial: UTC (as date-only values are), not the server's zone.
      const date = new Date(/T[\d:.]+$/.test(value) ? `${value}Z` : value);
      return Number.isNaN(date.getTime()) ? decodeXml(value) : date;
    }
    default: {
      const number = Number(value);
      return value.trim() === '' || Number.isNaN(number) ? decodeXml(value) : number;
    }
  }
}

/**
 * The rows of complete `<row>` elements in `xml`; `previous` is the last row
 * number seen (rows may omit `r`). A hand scan with indexOf: this is the
 * inner loop of reading a million-line sheet.
 */
function rowsIn(xml: string, sharedStrings: SharedStrings, previous: number): XlsxRow[] {
  const rows: XlsxRow[] = [];
  ROW.lastIndex = 0;
  for (let row = ROW.exec(xml); row; row = ROW.exec(xml)) {
    const number = ROW_NUMBER.exec(row[1]);
    const line = number ? Number(number[1]) : previous + 1;
    previous = line;
    const cells: XlsxCell[] = [];
    const content = row[2];
    if (content) {
      CELL.lastIndex = 0;
      for (let cell = CELL.exec(content); cell; cell = CELL.exec(content)) {
        const reference = CELL_REF.exec(cell[1]);
        const column = reference ? columnIndex(reference[1]) : cells.length;
        while (cells.length < column) cells.push(null);
        cells[column] = cellOf(CELL_TYPE.exec(cell[1])?.[1], cell[2], sharedStrings);
      }
    }
    rows.push({ line, cells });
  }
  return rows;
}

/**
 * Text from a stream of XML that ends with a complete `tag` element, a batch
 * at a time: what comes after the last closing tag waits for the next chunk.
 */
async function* elementBatches(stream: AsyncIterable<Buffer>, tag: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const opening = new RegExp(`<(\\w+:)?${tag}[\\s>/]`);
  let closing: string | undefined;
  let pending = '';
  for await (const chunk of stream) {
    pending += decoder.decode(chunk, { stream: true });
    // The closing tag as this file spells it (some writers prefix every tag, e.g. `</x:row>`).
    if (closing === undefined) {
      const first = opening.exec(pending);
      if (first) closing = `</${first[1] ?? ''}${tag}>`;
    }
    const end = closing ? pending.lastIndexOf(closing) : -1;
    if (end >= 0) {
      yield pending.slice(0, end + closing!.length);
      pending = pending.slice(end + closing!.length);
    }
  }
  pending += decoder.decode();
  if (pending) yield pending;
}

export interface XlsxSheetReader {
  /** The sheet's name. */
  sheet: string;
  rows: AsyncGenerator<XlsxRow>;
  /** 0–1: how much of the worksheet has been read (its compressed bytes). */
  progress: () => number;
  close: () => void;
}

/** Resolve a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/**
 * The rows of the first worksheet (in the workbook's order) that holds any
 * row; none when every worksheet is empty. Throws XlsxFormatError when the
 * file is not a readable xlsx.
 */
export async function readXlsxSheet(path: string): Promise<XlsxSheetReader> {
  const handle = await open(path, 'r');
  try {
    const entries = await centralDirectory(handle);
    const workbookEntry = entries.get('xl/workbook.xml');
    const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
    if (!workbookEntry || !relsEntry) throw new XlsxFormatError('no workbook in the zip');
    const [workbook, rels] = await Promise.all([entryText(handle, path, workbookEntry), entryText(handle, path, relsEntry)]);
    const targets = new Map<string, { type: string; target: string }>();
    for (const [, attributes] of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
      const id = attributeValue(attributes, 'Id');
      const target = attributeValue(attributes, 'Target');
      if (id && target) targets.set(id, { type: attributeValue(attributes, 'Type') ?? '', target: resolveTarget('xl/workbook.xml', target) });
    }
    const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map(([, attributes]) => ({
      name: attributeValue(attributes, 'name') ?? '',
      part: targets.get(attributeValue(attributes, 'id') ?? '')?.target,
    }));
    if (sheets.length === 0) throw new XlsxFormatError('the workbook holds no worksheet', 'no_worksheet');

    const sharedStringsPart = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
    const sharedStrings = new SharedStrings();
    const sharedEntry = entries.get(sharedStringsPart);
    if (sharedEntry) {
      const { stream, close } = await entryStream(handle, path, sharedEntry);
      try {
        for await (const batch of elementBatches(stream, 'si')) {
          for (const item of batch.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) sharedStrings.push(item[1] ? stringItemText(item[1]) : '');
        }
      } finally {
        close();
      }
    }

    for (const sheet of sheets) {
      const entry = sheet.part ? entries.get(sheet.part) : undefined;
      if (!entry) continue;
      const opened = await entryStream(handle, path, entry);
      const batches = elementBatches(opened.stream, 'row');
      // Look ahead to the first row: a sheet without any is skipped (a blank first sheet is common).
      let first: XlsxRow[] = [];
      let previous = 0;
      try {
        while (first.length === 0) {
          const next = await batches.next();
          if (next.done) break;
          first = rowsIn(next.value, sharedStrings, previous);
        }
      } catch (error) {
        opened.close(); // else a bad first row or damaged data leaves the file open
        throw error;
      }
      if (first.length === 0) {
        opened.close();
        continue;
      }
      let closed = false;
      const rows = (async function* () {
        try {
          yield* first;
          previous = first[first.length - 1].line;
          for (let next = await batches.next(); !next.done; next = await batches.next()) {
            const parsed = rowsIn(next.value, sharedStrings, previous);
            if (parsed.length > 0) previous = parsed[parsed.length - 1].line;
            yield* parsed;
          }
        } catch (error) {
          throw error instanceof XlsxFormatError ? error : new XlsxFormatError((error as Error).message);
        } finally {
          closed = true;
          opened.close();
        }
      })();
      return {
        sheet: sheet.name,
        rows,
        progress: () => (closed ? 1 : Math.min(1, opened.compressedRead() / Math.max(1, entry.compressedSize))),
        close: () => {
          closed = true;
          opened.close();
        },
      };
    }
    // Every worksheet is empty: no rows (the caller says what it expected to find).
    return { sheet: sheets[0].name, rows: (async function* () {})(), progress: () => 1, close: () => {} };
  } catch (error) {
    if (error instanceof XlsxFormatError) throw error;
    // zlib and buffer reads fail on damaged files with their own errors.
    throw new XlsxFormatError((error as Error).message);
  } finally {
    // The entries are read through streams of their own; the handle was only for the directory and headers.
    await handle.close().catch(() => {});
  }
}
