import { crc32, deflateSync } from 'node:zlib';

/**
 * Small real files built in code, for the demo's attachments and the tests:
 * a PNG drawn pixel by pixel, a grey baseline JPEG, a one-page PDF with
 * Chinese text. No binary files in the repository.
 */

type Rgb = readonly [number, number, number];

function pngChunk(type: string, data: Uint8Array) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour PNG whose pixel (x, y) is `paint(x, y)`; `extraChunks` go before the image data (a test's eXIf, tEXt). */
export function drawPng(width: number, height: number, paint: (x: number, y: number) => Rgb, extraChunks: { type: string; data: Uint8Array }[] = []) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter byte, 0 (none).
    for (let x = 0; x < width; x++) raw.set(paint(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    ...extraChunks.map((c) => pngChunk(c.type, c.data)),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** The demo's photo: the riders' station by the supermarket, as a child would draw it (sky, roof, door, the union's red sign). */
export function stationPhoto() {
  return drawPng(160, 120, (x, y) => {
    if (y > 100) return [120, 120, 120]; // the road
    if (x >= 40 && x < 120 && y >= 50) {
      if (x >= 70 && x < 90 && y >= 75) return [90, 60, 30]; // the door
      if (y < 62) return [200, 30, 40]; // the sign
      return [235, 225, 200];
    }
    if (y >= 30 && y < 50 && Math.abs(x - 80) < (y - 30) * 2.2) return [180, 60, 40]; // the roof
    return [Math.round(150 + y / 2), Math.round(200 + y / 3), 250]; // the sky
  });
}

/**
 * A grey baseline JPEG of `blocks` 8×8 blocks in a row, each of the DC level given: one component, all-one
 * quantisation, Huffman tables of one code each. `segments` are put after the JFIF header (a test's EXIF).
 */
export function greyJpeg(blocks = 2, segments: Uint8Array[] = []) {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = segment(0xdb, [0, ...Array<number>(64).fill(1)]);
  const sof = segment(0xc0, [8, 0, 8, 0, blocks * 8, 1, 1, 0x11, 0]);
  // One code of length 1 in each table: DC category 0 (no difference), AC end-of-block.
  const dht = segment(0xc4, [0x00, 1, ...Array<number>(15).fill(0), 0x00, 0x10, 1, ...Array<number>(15).fill(0), 0x00]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  // Two bits (DC "0", EOB "0") per block, padded with ones.
  const bits = '00'.repeat(blocks).padEnd(Math.ceil((blocks * 2) / 8) * 8, '1');
  const scan = bits.match(/.{8}/g)!.map((b) => parseInt(b, 2));
  return Buffer.concat([Buffer.from([0xff, 0xd8, ...jfif]), ...segments, Buffer.from([...dqt, ...sof, ...dht, ...sos, ...scan, 0xff, 0xd9])]);
}

/** UTF-16BE hex of a text, as a PDF string shown in a UCS-2 encoded CJK font. */
const utf16Hex = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();

/** A one-page A4 PDF: a title and lines of Chinese text in the reader's own 宋体 (STSong-Light, not embedded). */
export function simplePdf(title: string, lines: readonly string[]) {
  const content = [
    'BT',
    '/F1 18 Tf 72 770 Td',
    `<${utf16Hex(title)}> Tj`,
    '/F1 12 Tf 0 -36 Td 18 TL',
    ...lines.map((line) => `<${utf16Hex(line)}> Tj T*`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
