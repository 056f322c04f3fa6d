/**
 * What an uploaded file is, read from its bytes: the type by its magic
 * number (never the client's Content-Type or the name's extension), the
 * location and camera data a photo carries removed, and a file name safe to
 * store and to send back. Pure functions, no I/O.
 */

/** The kinds of file the product takes: photos and PDFs. */
export const ATTACHMENT_TYPES = {
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPG 图片', image: true },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG 图片', image: true },
  webp: { contentType: 'image/webp', extensions: ['webp'], label: 'WebP 图片', image: true },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF 文件', image: false },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type the bytes are, or null for anything else (an .exe, an HTML page, a Word file…). */
export function detectType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  return null;
}

/**
 * Names in a PDF that run something when it is opened or clicked. A name may
 * be written with `#xx` escapes (`/J#53` is `/JS`), so names are decoded
 * first. Names inside compressed object streams are not seen: the download is
 * sent as an attachment in a sandbox (docs/architecture.md, Attachments).
 */
const ACTIVE_PDF_NAMES = new Set(['JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'RichMedia']);

/** The active names a PDF holds (an `/OpenAction` alone only opens a page: it matters with one of these). */
export function pdfActiveContent(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found = new Set<string>();
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = match[1].replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (ACTIVE_PDF_NAMES.has(name)) found.add(name);
  }
  return [...found];
}

// ——— metadata ———

/** A JPEG that cannot be walked segment by segment. */
export class BrokenImageError extends Error {}

const APP1 = 0xe1;
/** Photoshop's IPTC block, which may also name a place. */
const APP13 = 0xed;
const SOS = 0xda;
const EXIF_HEADER = ascii('Exif\0\0');

/** The EXIF orientation (1–8) of an APP1 segment's body, or null: the one tag worth keeping. */
function exifOrientation(body: Uint8Array): number | null {
  if (!startsWith(body, EXIF_HEADER)) return null;
  const tiff = body.subarray(6);
  if (tiff.length < 8) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (view.getUint16(at, little) === 0x0112) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment holding nothing but the orientation: a phone's portrait photo still stands upright. */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [...EXIF_HEADER, ...tiff];
  const length = body.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

/**
 * A JPEG without its APP1 (EXIF: GPS position, camera, time; XMP) and APP13
 * (IPTC) segments, but with its orientation kept in a minimal EXIF segment.
 * The image data is copied byte for byte from the start of the scan on.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array {
  if (!startsWith(jpeg, [0xff, 0xd8])) throw new BrokenImageError('not a JPEG');
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let orientation: number | null = null;
  let at = 2;
  for (;;) {
    // Markers may be preceded by fill bytes 0xff.
    while (jpeg[at] === 0xff && jpeg[at + 1] === 0xff) at++;
    if (at + 4 > jpeg.length || jpeg[at] !== 0xff) throw new BrokenImageError('segment expected');
    const marker = jpeg[at + 1];
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    if (length < 2 || at + 2 + length > jpeg.length) throw new BrokenImageError('segment runs past the end');
    if (marker === SOS) {
      kept.push(jpeg.subarray(at));
      break;
    }
    const segment = jpeg.subarray(at, at + 2 + length);
    if (marker === APP1) orientation ??= exifOrientation(segment.subarray(4));
    else if (marker !== APP13) kept.push(segment);
    at += 2 + length;
  }
  // After SOI and the JFIF header (APP0) when there is one, as APP1 stands in a JPEG.
  if (orientation !== null && orientation !== 1) kept.splice(kept[1]?.[1] === 0xe0 ? 2 : 1, 0, orientationSegment(orientation));
  return Buffer.concat(kept);
}

/** PNG chunks that carry EXIF or free text (a place, an author): dropped; each chunk has its own CRC, so the rest stays valid. */
const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);

export function stripPngMetadata(png: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [png.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = new DataView(png.buffer, png.byteOffset + at, 4).getUint32(0);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > png.length) throw new BrokenImageError('chunk runs past the end');
    if (!PNG_METADATA_CHUNKS.has(type)) kept.push(png.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(kept);
}

/** WebP's metadata chunks, and the VP8X flags that announce them. */
const WEBP_METADATA_CHUNKS = new Set(['EXIF', 'XMP ']);
const VP8X_EXIF_AND_XMP = 0x08 | 0x04;

/** A WebP without its EXIF and XMP chunks; the RIFF size and the VP8X flags follow. */
export function stripWebpMetadata(webp: Uint8Array): Uint8Array {
  const kept: Buffer[] = [];
  let at = 12;
  while (at + 8 <= webp.length) {
    const type = String.fromCharCode(...webp.subarray(at, at + 4));
    const size = new DataView(webp.buffer, webp.byteOffset + at + 4, 4).getUint32(0, true);
    if (at + 8 + size > webp.length) throw new BrokenImageError('chunk runs past the end');
    // Chunks are padded to an even length.
    const end = Math.min(at + 8 + size + (size % 2), webp.length);
    if (!WEBP_METADATA_CHUNKS.has(type)) {
      const chunk = Buffer.from(webp.subarray(at, end));
      if (type === 'VP8X') chunk[8] &= ~VP8X_EXIF_AND_XMP;
      kept.push(chunk);
    }
    at = end;
  }
  const body = Buffer.concat(kept);
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([head, body]);
}

/** The bytes as stored: metadata removed from the image formats. */
export function withoutMetadata(type: AttachmentType, bytes: Uint8Array): Uint8Array {
  if (type === 'jpeg') return stripJpegMetadata(bytes);
  if (type === 'png') return stripPngMetadata(bytes);
  if (type === 'webp') return stripWebpMetadata(bytes);
  return bytes;
}

// ——— file names ———

/** As attachments.file_name holds it, extension included. */
export const MAX_FILE_NAME = 100;

/**
 * Controls (C0, DEL, C1), and the invisible direction marks that make
 * `photo\u202Egpj.exe` read as `photoexe.jpg`.
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Characters no file system takes in a name. */
const RESERVED = /[<>:"|?*]/g;

/** The extension as written (lower-case, without the dot), or null. */
export const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1].toLowerCase() ?? null;

/**
 * A file name safe to store and to send back: the last part of a path (old
 * browsers send `C:\Users\…\photo.jpg`), without invisible characters and
 * reserved ones, at most 100 characters with its extension kept, and the
 * type's extension added when it has none.
 */
export function sanitizeFileName(name: string, type: AttachmentType): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(INVISIBLE, '').replace(RESERVED, '_').trim();
  const extension = extensionOf(cleaned);
  // No leading dots (a hidden file), no trailing dots or spaces (Windows drops them).
  const stem = (extension ? cleaned.slice(0, -extension.length - 1) : cleaned).replace(/^[.\s]+|[.\s]+$/g, '');
  const suffix = `.${extension ?? ATTACHMENT_TYPES[type].extensions[0]}`;
  const room = MAX_FILE_NAME - suffix.length;
  const shortened = Array.from(stem).slice(0, room).join('').trim();
  return `${shortened || '附件'}${suffix}`;
}
