import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PUBLIC_DIR = path.join(here, '..', 'public');
export const VIEWS_DIR = path.join(here, '..', 'views');
const require = createRequire(import.meta.url);
const BOOTSTRAP_DIR = path.join(path.dirname(require.resolve('bootstrap/package.json')), 'dist');
// Chart.js exports neither its package.json nor its UMD build: both are found beside its main file.
const CHART_JS_DIR = path.dirname(require.resolve('chart.js'));
/** Chart.js's version, in the URL of its script so that an upgrade is fetched at once. */
export const CHART_JS_VERSION = (JSON.parse(readFileSync(path.join(CHART_JS_DIR, '..', 'package.json'), 'utf8')) as { version: string })
  .version;

/**
 * Asset URLs carry a hash of the file's content, so browsers may keep them for a year and still
 * see a change at once.
 */
export function assetVersion(): string {
  const hash = createHash('sha256');
  for (const dir of ['css', 'js']) {
    for (const file of readdirSync(path.join(PUBLIC_DIR, dir)).sort()) hash.update(readFileSync(path.join(PUBLIC_DIR, dir, file)));
  }
  hash.update(readFileSync(path.join(BOOTSTRAP_DIR, 'css', 'bootstrap.min.css')));
  return hash.digest('hex').slice(0, 10);
}

/** Bootstrap and Chart.js from node_modules (no CDN) and the shop's own files. */
export function staticRoutes(): Router {
  const router = Router();
  const options = { maxAge: '365d', immutable: true, index: false, fallthrough: false } as const;
  router.use('/static/bootstrap', express.static(BOOTSTRAP_DIR, options));
  const chartJs = express.static(CHART_JS_DIR, options);
  // Only the one file the admin dashboard loads: the package holds its sources and maps too.
  router.use('/static/chart.js', (req, res, next) => (req.path === '/chart.umd.min.js' ? chartJs(req, res, next) : next()));
  router.use('/static', express.static(PUBLIC_DIR, options));
  return router;
}
