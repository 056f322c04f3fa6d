import { describe, expect, it } from 'vitest';
import { drawPng, greyJpeg, simplePdf } from '../../demo/files.js';
import { BrokenImageError, detectType, pdfActiveContent, sanitizeFileName, stripJpegMetadata, stripPngMetadata, stripWebpMetadata } from './content.js';

/** An APP1 EXIF segment as a phone writes it: orientation 6 (turned right) and a GPS block at 平湖 (30°42′N 121°01′E). */
function exifWithGps(orientation = 6) {
  // Header 8, IFD0 (2 entries) to 38, the GPS IFD (3 entries) to 80, six rationals to 128.
  const tiff = Buffer.alloc(128);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: orientation, GPS pointer.
  tiff.writeUInt16LE(2, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt16LE(0x8825, 22);
  tiff.writeUInt16LE(4, 24);
  tiff.writeUInt32LE(1, 26);
  const gps = 38;
  tiff.writeUInt32LE(gps, 30);
  tiff.writeUInt32LE(0, 34);
  // GPS IFD: latitude ref, latitude, longitude.
  tiff.writeUInt16LE(3, gps);
  const rationals = gps + 2 + 12 * 3 + 4;
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const at = gps + 2 + i * 12;
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  entry(0, 0x0001, 2, 2, 0x4e); // 'N'
  entry(1, 0x0002, 5, 3, rationals);
  entry(2, 0x0004, 5, 3, rationals + 24);
  [30, 1, 42, 1, 1234, 100, 121, 1, 1, 1, 5678, 100].forEach((n, i) => tiff.writeUInt32LE(n, rationals + i * 4));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** The markers of a JPEG's segments up to the scan, and the bytes from the scan on. */
function segmentsOf(jpeg: Uint8Array) {
  const markers: number[] = [];
  let at = 2;
  while (jpeg[at + 1] !== 0xda) {
    markers.push(jpeg[at + 1]);
    at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]);
  }
  return { markers, scan: Buffer.from(jpeg.subarray(at)) };
}

describe('detectType', () => {
  it('knows photos and PDFs by their first bytes', () => {
    expect(detectType(greyJpeg())).toBe('jpeg');
    expect(detectType(drawPng(2, 2, () => [0, 0, 0]))).toBe('png');
    expect(detectType(Buffer.concat([Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(8)]))).toBe('webp');
    expect(detectType(simplePdf('答复函', ['正文']))).toBe('pdf');
  });

  it('knows nothing else, whatever it is called', () => {
    expect(detectType(Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'))).toBeNull(); // a Windows program
    expect(detectType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(detectType(Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'))).toBeNull(); // a RIFF that is no WebP
    expect(detectType(new Uint8Array())).toBeNull();
  });
});

describe('stripJpegMetadata', () => {
  it('removes the EXIF segment with the GPS position and keeps the orientation and the image', () => {
    const exif = exifWithGps(6);
    const original = greyJpeg(2, [exif]);
    const stripped = stripJpegMetadata(original);

    // Still a JPEG: SOI, then segments, the same scan to EOI.
    expect(detectType(stripped)).toBe('jpeg');
    expect([...stripped.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(segmentsOf(stripped).scan.equals(segmentsOf(original).scan)).toBe(true);
    // No GPS tag, no latitude left anywhere in the file.
    expect(Buffer.from(stripped).includes(exif)).toBe(false);
    expect(Buffer.from(stripped).includes(Buffer.from([0x25, 0x88]))).toBe(false);
    expect(Buffer.from(stripped).includes(Buffer.from([0xd2, 0x04, 0, 0]))).toBe(false); // 1234 (the seconds of latitude)
    // The orientation stays, in an EXIF segment of its own right after the JFIF header.
    const { markers } = segmentsOf(stripped);
    expect(markers.slice(0, 2)).toEqual([0xe0, 0xe1]);
    expect(stripped.length).toBeLessThan(original.length);
    const app1 = Buffer.from(stripped).subarray(Buffer.from(stripped).indexOf(Buffer.from('Exif\0\0', 'latin1')) + 6);
    expect(app1.subarray(0, 2).toString('latin1')).toBe('MM');
    expect(app1.readUInt16BE(10)).toBe(0x0112);
    expect(app1.readUInt16BE(18)).toBe(6);
  });

  it('drops the segment altogether when the photo stands upright', () => {
    const stripped = stripJpegMetadata(greyJpeg(1, [exifWithGps(1)]));
    expect(segmentsOf(stripped).markers).not.toContain(0xe1);
    expect(Buffer.from(stripped).equals(greyJpeg(1))).toBe(true);
  });

  it('leaves a JPEG without metadata as it was', () => {
    expect(Buffer.from(stripJpegMetadata(greyJpeg(3))).equals(greyJpeg(3))).toBe(true);
  });

  it('refuses a JPEG whose segments run past its end', () => {
    const cut = greyJpeg(2, [exifWithGps()]).subarray(0, 40);
    expect(() => stripJpegMetadata(cut)).toThrow(BrokenImageError);
    expect(() => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0x00, 0x01]))).toThrow(BrokenImageError);
  });
});

describe('stripPngMetadata', () => {
  it('removes EXIF and text chunks and keeps the image chunks', () => {
    const paint = (x: number, y: number) => [x * 20, y * 20, 100] as const;
    const tagged = drawPng(4, 3, paint, [
      { type: 'eXIf', data: exifWithGps().subarray(10) },
      { type: 'tEXt', data: Buffer.from('Location\0Pinghu', 'latin1') },
    ]);
    expect(Buffer.from(stripPngMetadata(tagged)).equals(drawPng(4, 3, paint))).toBe(true);
  });
});

describe('stripWebpMetadata', () => {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
  };
  const riff = (...chunks: Buffer[]) => {
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
    const head = Buffer.from('RIFF\0\0\0\0', 'latin1');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body]);
  };
  // VP8X: flags (EXIF 0x08, XMP 0x04, alpha 0x10), three reserved bytes, canvas 16×16 less one.
  const vp8x = (flags: number) => chunk('VP8X', Buffer.from([flags, 0, 0, 0, 15, 0, 0, 15, 0, 0]));
  const image = chunk('VP8L', Buffer.from([0x2f, 0x0f, 0xc0, 0x03, 0x00, 0x07]));

  it('removes the EXIF and XMP chunks, their flags and their length', () => {
    const tagged = riff(vp8x(0x10 | 0x08 | 0x04), image, chunk('EXIF', exifWithGps().subarray(10)), chunk('XMP ', Buffer.from('<x:xmpmeta>平湖</x:xmpmeta>')));
    expect(detectType(tagged)).toBe('webp');
    expect(Buffer.from(stripWebpMetadata(tagged)).equals(riff(vp8x(0x10), image))).toBe(true);
  });

  it('refuses a chunk that runs past the end', () => {
    expect(() => stripWebpMetadata(riff(vp8x(0), image).subarray(0, 40))).toThrow(BrokenImageError);
  });
});

describe('pdfActiveContent', () => {
  it('finds script and launch actions, also when their names are escaped', () => {
    expect(pdfActiveContent(simplePdf('答复函', ['正文']))).toEqual([]);
    expect(pdfActiveContent(Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj', 'latin1')).sort()).toEqual(['JS', 'JavaScript']);
    expect(pdfActiveContent(Buffer.from('%PDF-1.4\n1 0 obj << /AA << /O << /S /J#61vaScript /J#53 (x) >> >> >> endobj', 'latin1')).sort()).toEqual(['JS', 'JavaScript']);
    expect(pdfActiveContent(Buffer.from('%PDF-1.4\n<< /S /Launch /F (cmd.exe) >>', 'latin1'))).toEqual(['Launch']);
    // A name that merely starts alike is no script.
    expect(pdfActiveContent(Buffer.from('%PDF-1.4\n<< /JSX 1 /JavaScriptless 2 >>', 'latin1'))).toEqual([]);
  });
});

describe('sanitizeFileName', () => {
  it('keeps a plain Chinese name as it is', () => {
    expect(sanitizeFileName('驿站照片.jpg', 'jpeg')).toBe('驿站照片.jpg');
  });

  it('takes the last part of a path and removes controls and direction marks', () => {
    expect(sanitizeFileName('C:\\Users\\骑手\\现场.png', 'png')).toBe('现场.png');
    expect(sanitizeFileName('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('照片\u202Egpj.exe', 'jpeg')).toBe('照片gpj.exe');
    expect(sanitizeFileName('a\u0000b\u0007c\u009f.png', 'png')).toBe('abc.png');
    expect(sanitizeFileName('what?<now>:|".pdf', 'pdf')).toBe('what__now____.pdf');
  });

  it('adds the extension of the detected type when there is none, and names a nameless file', () => {
    expect(sanitizeFileName('IMG_2041', 'jpeg')).toBe('IMG_2041.jpg');
    expect(sanitizeFileName('', 'pdf')).toBe('附件.pdf');
    expect(sanitizeFileName('...', 'png')).toBe('附件.png');
    expect(sanitizeFileName('.png', 'png')).toBe('附件.png');
  });

  it('shortens a long name to 100 characters, the extension kept', () => {
    const name = sanitizeFileName(`${'驿'.repeat(150)}.jpeg`, 'jpeg');
    expect(Array.from(name)).toHaveLength(100);
    expect(name.endsWith('驿.jpeg')).toBe(true);
    expect(Array.from(sanitizeFileName(`${'😀'.repeat(120)}.png`, 'png'))).toHaveLength(100);
  });
});
