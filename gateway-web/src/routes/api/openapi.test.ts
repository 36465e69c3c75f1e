// GET /api/openapi.json and /docs: the document is valid OpenAPI 3.1, its examples pass their
// schemas, it lists exactly what the gateway serves under /api, and every route it lists answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { silentLogger } from '@dm/common/testing';
import { routeKey } from '@dm/contracts/openapi';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Router } from 'express';
import { createApp } from '../../app.js';
import { createClients } from '../../clients.js';
import { type GatewayStack, startGatewayStack, unsentActivity } from '../../testing.js';
import { API_DOCUMENT, API_DOCUMENTED_ROUTES } from './document.js';
import { adminToken, call } from './test-client.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let stack: GatewayStack;
// biome-ignore lint/suspicious/noExplicitAny: the document is JSON read freely
let document: any;

before(async () => {
  stack = await startGatewayStack();
  document = (await call(stack.url, 'GET', '/api/openapi.json')).body;
});

after(async () => {
  await stack.stop();
});

/** "GET /api/products/:id" and "GET /api/products/{product_id}" are one route: names of parameters aside. */
const shape = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, ':_')}`;

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every route an Express 5 app or router serves, as "METHOD /path", mounts followed (router 2 keeps their paths). */
function servedRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      return [layer.route.path].flat().flatMap((path) => methods.map((m) => `${m.toUpperCase()} ${prefix}${path}`));
    }
    if (!layer.handle?.stack) return [];
    if (typeof layer.rawPath !== 'string')
      throw new Error(`a router mounted on ${String(layer.rawPath)}: this walk reads string paths only`);
    return servedRoutes(layer.handle.stack, layer.rawPath === '/' ? prefix : `${prefix}${layer.rawPath}`);
  });
}

function gatewayApiRoutes(): string[] {
  const nowhere = 'http://127.0.0.1:9';
  const app = createApp({
    config: {
      NODE_ENV: 'test',
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_PER_MINUTE: 1,
      AUTH_RATE_LIMIT_PER_MINUTE: 1,
      CATEGORY_CACHE_SECONDS: 0,
      CATALOG_CACHE_SECONDS: 0,
      CORS_ORIGINS: [],
      DATA_DIR: '.data',
    },
    logger: silentLogger,
    jwt: createJwt('a-secret-for-a-gateway-that-never-listens'),
    clients: createClients({
      AUTH_URL: nowhere,
      CATALOG_URL: nowhere,
      CART_URL: nowhere,
      ORDER_URL: nowhere,
      PAYMENT_URL: nowhere,
      REVIEW_URL: nowhere,
      NOTIFICATION_URL: nowhere,
      ANALYTICS_URL: nowhere,
    }),
    sessions: (_req, _res, next) => next(),
    serviceToken: () => 'no-service-is-called',
    activity: unsentActivity(),
  });
  return servedRoutes((app as unknown as { router: Router & { stack: Layer[] } }).router.stack).filter((r) => / \/api\//.test(r));
}

describe('GET /api/openapi.json', () => {
  it('is the document built at startup, and validates as OpenAPI 3.1', async () => {
    assert.deepEqual(document, JSON.parse(JSON.stringify(API_DOCUMENT)));
    assert.equal(document.openapi, '3.1.0');
    const result = await validate(structuredClone(document));
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    assert.deepEqual(result.warnings, []);
  });

  it('has examples that all pass their schemas, in the document and in the zod schemas requests are checked with', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const failures: string[] = [];
    let count = 0;
    const check = (schema: unknown, example: unknown, where: string) => {
      count++;
      // The components travel along, so that "#/components/schemas/…" resolves.
      const ok = ajv.validate({ ...(schema as object), components: document.components }, example);
      if (!ok) failures.push(`${where}: ${ajv.errorsText()}`);
    };
    const walk = (node: unknown, where: string, parentKey: string) => {
      if (typeof node !== 'object' || node === null) return;
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${where}/${i}`, '');
        });
        return;
      }
      const o = node as Record<string, unknown>;
      // Under "properties" the keys are field names, not keywords.
      if (parentKey !== 'properties') {
        const target = 'schema' in o ? o.schema : o;
        if ('example' in o) check(target, o.example, where);
        if (Array.isArray(o.examples)) {
          o.examples.forEach((e, i) => {
            check(target, e, `${where}/examples/${i}`);
          });
        } else if (o.examples && typeof o.examples === 'object') {
          for (const [name, e] of Object.entries(o.examples)) check(target, (e as { value: unknown }).value, `${where}/examples/${name}`);
        }
      }
      for (const [key, value] of Object.entries(o)) walk(value, `${where}/${key}`, key);
    };
    walk(document, '#', '');
    assert.ok(count > 0, 'the document has examples');
    assert.deepEqual(failures, []);

    // What the services and the gateway run is zod, refinements and all: the examples of every
    // request schema must pass it too.
    for (const route of API_DOCUMENTED_ROUTES) {
      for (const [part, schema] of Object.entries({ params: route.params, query: route.query, headers: route.headers, body: route.body })) {
        const meta = schema?.meta() as { example?: unknown; examples?: unknown[] } | undefined;
        for (const example of [...('example' in (meta ?? {}) ? [meta?.example] : []), ...(meta?.examples ?? [])]) {
          const result = schema!.safeParse(example);
          assert.ok(result.success, `${routeKey(route)} ${part}: ${result.success ? '' : result.error.message}`);
        }
      }
    }
  });

  it('lists every route the gateway serves under /api', () => {
    const served = gatewayApiRoutes();
    assert.ok(served.includes('GET /api/products/:id') && served.includes('GET /api/openapi.json'), 'the walk finds the routes');
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item as object).map((method) => shape(method, path))),
    );
    const missing = served.filter((r) => !documented.has(shape(...(r.split(' ') as [string, string]))));
    assert.deepEqual(missing, [], 'served under /api but not in the document');
  });

  it('lists no route the gateway does not serve: every documented route answers, none with the API’s 404', async () => {
    const admin = await adminToken(stack.url);
    const placeholder = '00000000-0000-4000-8000-000000000000';
    const notServed: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      // biome-ignore lint/suspicious/noExplicitAny: an operation object of the document
      for (const [method, operation] of Object.entries(item as Record<string, any>)) {
        const url = path.replace(/\{[^}]+\}/g, placeholder);
        const body = operation.requestBody ? {} : undefined;
        const res = await call(stack.url, method.toUpperCase(), url, { token: admin, body, headers: { 'idempotency-key': placeholder } });
        // The API's own 404 for a path it has no route for says only "not found" (services too).
        if (res.status === 404 && res.body?.detail === 'not found') notServed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    assert.deepEqual(notServed, []);
  });

  it('documents every alias’s original, and the gateway serves it', () => {
    const served = new Set(gatewayApiRoutes().map((r) => shape(...(r.split(' ') as [string, string]))));
    for (const route of API_DOCUMENTED_ROUTES.filter((r) => r.aliasOf)) {
      const [method, path] = route.aliasOf!.split(' ') as [string, string];
      assert.ok(served.has(shape(method, path)), `${routeKey(route)} is an alias of ${route.aliasOf}, which the gateway does not serve`);
    }
  });
});

describe('/docs', () => {
  it('renders Swagger UI from the npm package inside the shop’s layout, under a CSP with no inline script', async () => {
    const page = await fetch(`${stack.url}/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<div id="swagger-ui" data-spec-url="\/api\/openapi.json">/);
    assert.match(html, /<footer class="site-footer">[\s\S]*href="\/docs"/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    for (const src of html.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)) {
      const asset = await fetch(`${stack.url}${src[1]}`);
      assert.equal(asset.status, 200, src[1]);
      assert.match(asset.headers.get('content-type') ?? '', /javascript|css/, src[1]);
      await asset.arrayBuffer();
    }
    assert.match(html, /\/static\/swagger-ui\/swagger-ui-bundle\.js/);
    assert.equal((await fetch(`${stack.url}/static/swagger-ui/index.html`)).status, 404);
  });
});
