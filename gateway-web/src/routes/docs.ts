import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const { version: SWAGGER_UI_VERSION } = require('swagger-ui-dist/package.json') as { version: string };

/** Swagger UI's script and stylesheet, from its npm package (no CDN); the URL carries its version. */
export function swaggerUiAssets(): Router {
  const router = Router();
  const files = express.static(SWAGGER_UI_DIR, { maxAge: '365d', immutable: true, index: false, fallthrough: false });
  router.use('/static/swagger-ui', (req, res, next) => {
    // Only what the docs page loads: the package also holds an index.html and an OAuth2 page.
    if (req.path !== '/swagger-ui-bundle.js' && req.path !== '/swagger-ui.css') return next();
    files(req, res, next);
  });
  return router;
}

/** /docs: the API document of /api/openapi.json, rendered by Swagger UI inside the shop's layout. */
export function docsPage(): Router {
  const router = Router();
  router.get('/docs', (_req, res) => {
    res.render('docs', { title: 'API documentation', swaggerUiVersion: SWAGGER_UI_VERSION });
  });
  return router;
}
