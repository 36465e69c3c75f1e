import { createRequire } from 'node:module';
import { API_ALIASES } from '@dm/contracts/api-aliases';
import { API_ROUTES } from '@dm/contracts/api-routes';
import { buildOpenApiDocument, documentedRoutes, type OpenApiDocument } from '@dm/contracts/openapi';

/** Every route of the public API: the table, the seeds' aliases and the document itself. */
export const API_DOCUMENTED_ROUTES = documentedRoutes(API_ROUTES, API_ALIASES);

/** The methods the API answers, for the CORS preflight. */
export const DOCUMENTED_METHODS = [...new Set(API_DOCUMENTED_ROUTES.map((r) => r.method.toUpperCase()))];

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** GET /api/openapi.json: built once, when the gateway starts. */
export const API_DOCUMENT: OpenApiDocument = buildOpenApiDocument(API_DOCUMENTED_ROUTES, {
  title: 'Digital Marketplace API',
  version,
  description: [
    'The public JSON API of the Digital Marketplace gateway.',
    '',
    '- Errors are `{"detail": "…"}`; a 422 adds `errors: [{field, message}]`.',
    '- Money is a decimal string with two places (`"19.99"`); ids are UUIDs.',
    '- Lists are `{items, total, page, page_size, has_next}`.',
    '- Authenticate with `Authorization: Bearer <access_token>` from `POST /api/auth/login`. The shop’s own pages',
    '  use the `access_token` cookie instead, which is never honoured from another origin.',
    '- Checkouts and payments take an `Idempotency-Key` header: a retry with the same key is answered, not repeated.',
  ].join('\n'),
});
