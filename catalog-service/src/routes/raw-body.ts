import { HttpError } from '@dm/common/errors';
import express, { type RequestHandler } from 'express';

/**
 * Reads the whole body as bytes into `req.body` (a Buffer; empty when there is none), whatever
 * Content-Type the client names. The JSON and form parsers every service runs come first: a body
 * one of them has already taken is refused with 415, since its bytes are gone.
 */
export function rawBody(limitBytes: number, tooLarge: string): RequestHandler {
  const parser = express.raw({ type: () => true, limit: limitBytes });
  return (req, res, next) => {
    parser(req, res, (err?: unknown) => {
      if (err) {
        next((err as { type?: unknown }).type === 'entity.too.large' ? new HttpError(413, tooLarge) : err);
        return;
      }
      if (req.body === undefined) req.body = Buffer.alloc(0);
      if (!Buffer.isBuffer(req.body)) {
        next(
          new HttpError(
            415,
            'send the file as the request body with its own Content-Type (or application/octet-stream), not as JSON or a form',
          ),
        );
        return;
      }
      next();
    });
  };
}
