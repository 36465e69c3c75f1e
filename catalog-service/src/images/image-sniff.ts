// What an uploaded file really is, decided by its bytes (file-type) and never by its name or the
// type the client claims, and how many pixels it has, read from its header (image-size) without
// decoding it.

import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';

export type UploadImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PixelSize {
  width: number;
  height: number;
}

// An animated PNG is a PNG whose first frame every browser shows.
const UPLOAD_TYPES: Readonly<Record<string, UploadImageType>> = {
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/apng': 'image/png',
  'image/webp': 'image/webp',
};

/** JPEG, PNG or WebP, known by their content; anything else (SVG, GIF, text, a cut signature) is null. */
export async function detectImageType(bytes: Buffer): Promise<UploadImageType | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (found && UPLOAD_TYPES[found.mime]) ?? null;
}

/**
 * The pixel size in an image's header: a JPEG, PNG or WebP upload, or an SVG of the demo catalog
 * (its width and height, else its viewBox). Null when the header is damaged or cut short.
 */
export function imageDimensions(bytes: Buffer): PixelSize | null {
  // image-size reads through the buffer's whole ArrayBuffer: hand it one that ends where the file
  // ends, so a cut-short header is an error, not a read into whatever else shares Node's buffer pool.
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  try {
    const { width, height } = imageSize(exact);
    return width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null;
  }
}
