// The one place that knows sharp (libvips). It ships prebuilt binaries as optional packages; on a
// machine where none fits, sharp does not load, and images are then served at their own size only.
import type { PixelSize } from './image-sniff.js';

/** The rendition listings show: 400 pixels wide, WebP. */
export const THUMB = Object.freeze({ size: 'thumb', width: 400, contentType: 'image/webp' });

/** Decoding stops beyond this many pixels: a small file must not unpack into gigabytes. */
export const MAX_DECODED_PIXELS = 100_000_000;

export interface Rendition {
  content_type: string;
  data: Buffer;
  width: number;
  height: number;
}

/** The bytes looked like an image but could not be decoded. */
export class UnreadableImageError extends Error {
  override name = 'UnreadableImageError';
}

type Sharp = typeof import('sharp').default;
let loading: Promise<Sharp | null> | undefined;

function loadSharp(): Promise<Sharp | null> {
  loading ??= import('sharp').then(
    (mod) => mod.default,
    () => null,
  );
  return loading;
}

const open = (sharp: Sharp, data: Buffer) => sharp(data, { limitInputPixels: MAX_DECODED_PIXELS, failOn: 'error' });

/**
 * A 400px-wide WebP of the image, turned upright by its EXIF orientation and never enlarged; null
 * when sharp is not available. Throws UnreadableImageError when the bytes do not decode.
 */
export async function makeThumbnail(data: Buffer): Promise<Rendition | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    const { data: out, info } = await open(sharp, data)
      .autoOrient()
      .resize({ width: THUMB.width, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { content_type: THUMB.contentType, data: out, width: info.width, height: info.height };
  } catch (err) {
    throw new UnreadableImageError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The size a browser shows: a phone photo stored sideways with an EXIF orientation of 5 to 8 is
 * displayed with width and height swapped. Without sharp, the header's size as it is.
 */
export async function displaySize(data: Buffer, header: PixelSize): Promise<PixelSize> {
  const sharp = await loadSharp();
  if (!sharp) return header;
  try {
    const { orientation } = await open(sharp, data).metadata();
    return orientation !== undefined && orientation >= 5 ? { width: header.height, height: header.width } : header;
  } catch (err) {
    throw new UnreadableImageError(err instanceof Error ? err.message : String(err));
  }
}
