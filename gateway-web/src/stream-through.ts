import type { RawResponse } from '@dm/common/http-client';
import type { Response } from 'express';

/**
 * Streams a service's answer (a CSV download) to the browser as it comes, with the headers named;
 * nothing is held in memory. A broken stream must not look like a complete file: the download is
 * cut instead of ended; and a download the browser gave up stops the upstream one.
 */
export function streamThrough(upstream: RawResponse, res: Response, headers: readonly string[]): void {
  res.status(200);
  for (const name of headers) {
    const value = upstream.headers.get(name);
    if (value) res.set(name, value);
  }
  const { body } = upstream;
  body.on('error', () => res.destroy());
  res.on('close', () => {
    if (!res.writableFinished) body.destroy();
  });
  body.pipe(res);
}
