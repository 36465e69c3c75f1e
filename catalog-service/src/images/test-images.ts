// Real, small images for tests: a PNG assembled byte by byte (no library involved, so the
// sniffing is tested against the format itself), and JPEG and WebP files encoded by sharp.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid RGB PNG of one colour. */
export function pngBytes(width: number, height: number, rgb: [number, number, number] = [200, 60, 40]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  // compression, filter and interlace methods are all 0
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const canvas = (width: number, height: number, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 30, g: 90, b: 200, alpha: 0.5 } : '#1e5ac8' } });

export function jpegBytes(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const image = canvas(width, height).jpeg({ quality: 80 });
  return (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).toBuffer();
}

/** Lossy ("VP8 "), lossless ("VP8L"), or with alpha, which sharp writes as extended ("VP8X"). */
export function webpBytes(width: number, height: number, kind: 'lossy' | 'lossless' | 'extended' = 'lossy'): Promise<Buffer> {
  return canvas(width, height, kind === 'extended')
    .webp({ lossless: kind === 'lossless' })
    .toBuffer();
}
