// What an uploaded file really is, decided by its bytes and never by its name or the type the
// client claims, and how many pixels it has, read from its header without decoding it.

export type UploadImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PixelSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ascii = (bytes: Buffer, start: number, length: number) => bytes.toString('latin1', start, start + length);

/** JPEG `FF D8 FF`, PNG's 8-byte signature, WebP `RIFF....WEBP`; anything else is null. */
export function detectImageType(bytes: Buffer): UploadImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

const positive = (size: PixelSize): PixelSize | null => (size.width > 0 && size.height > 0 ? size : null);

// IHDR is always the first chunk: length, "IHDR", then width and height as 32-bit big-endian.
function pngSize(bytes: Buffer): PixelSize | null {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  return positive({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });
}

// Start-of-frame markers C0-CF carry the size, except C4 (Huffman tables), C8 (reserved), CC (arithmetic coding).
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Walks the JPEG's marker segments up to the start of frame; the pixel data comes only after it. */
function jpegSize(bytes: Buffer): PixelSize | null {
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    while (i < bytes.length && bytes[i] === 0xff) i++; // a marker may be padded with fill bytes
    const marker = bytes[i++];
    if (marker === undefined) return null;
    if (marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length follows
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame header
    if (i + 2 > bytes.length) return null;
    const length = bytes.readUInt16BE(i);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (i + 7 > bytes.length) return null;
      return positive({ height: bytes.readUInt16BE(i + 3), width: bytes.readUInt16BE(i + 5) });
    }
    i += length;
  }
  return null;
}

function webpSize(bytes: Buffer): PixelSize | null {
  if (bytes.length < 30) return null;
  switch (ascii(bytes, 12, 4)) {
    case 'VP8 ': // lossy: a key frame's start code, then 14-bit width and height
      if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
      return positive({ width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff });
    case 'VP8L': {
      // lossless: a signature byte, then width-1 and height-1 in 14 bits each
      if (bytes[20] !== 0x2f) return null;
      const bits = bytes.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': // extended: canvas width-1 and height-1 in 24 bits each
      return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
    default:
      return null;
  }
}

/** The pixel size in the header of an image of the given type; null when the header is damaged or cut short. */
export function imageDimensions(bytes: Buffer, type: UploadImageType): PixelSize | null {
  switch (type) {
    case 'image/png':
      return pngSize(bytes);
    case 'image/jpeg':
      return jpegSize(bytes);
    case 'image/webp':
      return webpSize(bytes);
  }
}

const svgLength = (value: string | undefined): number | null => {
  const match = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/.exec(value);
  return match ? Math.round(Number(match[1])) : null;
};

/**
 * The size an SVG asks for: its root's `width` and `height` in pixels, else its viewBox. The
 * demo catalog's pictures are SVG; uploads never are (SVG can carry script).
 */
export function svgDimensions(svg: string): PixelSize | null {
  const root = /<svg\b([^>]*)>/i.exec(svg)?.[1];
  if (root === undefined) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const width = svgLength(attr('width'));
  const height = svgLength(attr('height'));
  if (width && height) return { width, height };
  const box = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4 && box.every(Number.isFinite)) return positive({ width: Math.round(box[2]!), height: Math.round(box[3]!) });
  return null;
}
