// The one module that knows the multipart library: the admin's file uploads (product images, a
// CSV catalog), held in memory (a few MB at most) and passed on to catalog-service as they are.
import { MAX_CSV_BYTES, MAX_IMAGE_BYTES } from '@dm/contracts/catalog-admin';
import type { RequestHandler } from 'express';
import multer from 'multer';

/** Largest file taken: catalog-service's own limit for an image and for a CSV file. */
export const MAX_UPLOAD_BYTES = Math.max(MAX_IMAGE_BYTES, MAX_CSV_BYTES);
export const MAX_IMAGES_PER_UPLOAD = 10;

declare global {
  namespace Express {
    interface Request {
      /** Why the upload was refused before reaching the page (too large, too many files). */
      uploadError?: string;
    }
  }
}

/** A received file: its name as the browser gave it and its bytes. */
export interface UploadedFile {
  name: string;
  data: Buffer;
}

function messageFor(err: multer.MulterError, what: 'image' | 'CSV file'): string {
  switch (err.code) {
    case 'LIMIT_FILE_SIZE': {
      // multer names the file, though its types do not say so.
      const name = (err as { filename?: unknown }).filename;
      return `${typeof name === 'string' ? `“${name}” is too large: ` : ''}${what === 'image' ? 'an image' : 'a CSV file'} may be at most 5 MB.`;
    }
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return what === 'image' ? `Upload at most ${MAX_IMAGES_PER_UPLOAD} images at a time.` : 'Upload one CSV file at a time.';
    default:
      return 'The upload could not be read. Please try again.';
  }
}

/**
 * Parses a multipart form into `req.body` (its text fields, the CSRF token among them) and
 * `req.files`. A refused upload does not fail the request: the page says why (`req.uploadError`).
 */
function parser(handler: RequestHandler, what: 'image' | 'CSV file'): RequestHandler {
  return (req, res, next) => {
    handler(req, res, (err?: unknown) => {
      if (err instanceof multer.MulterError) {
        req.uploadError = messageFor(err, what);
        return next();
      }
      next(err);
    });
  };
}

const memory = (files: number) =>
  multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_UPLOAD_BYTES, files, fields: 20, fieldSize: 10_000 },
  });

/** Up to ten images in the field `images`. */
export const imageUploads = parser(memory(MAX_IMAGES_PER_UPLOAD).array('images', MAX_IMAGES_PER_UPLOAD), 'image');

/** One CSV file in the field `file`. */
export const csvUpload = parser(memory(1).single('file'), 'CSV file');

/** The files a parser above received, in the order they were sent. */
export function uploadedFiles(req: Express.Request): UploadedFile[] {
  const files = req.files ? (Array.isArray(req.files) ? req.files : Object.values(req.files).flat()) : req.file ? [req.file] : [];
  return files.map((f) => ({ name: f.originalname, data: f.buffer }));
}
