import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import { z } from 'zod';
import { API_ALIASES, ProcessPaymentBody, toPaymentRequest } from './api-aliases.js';
import { API_ROUTES } from './api-routes.js';
import { Money, pageOf, Uuid } from './common.js';
import { buildOpenApiDocument, documentedRoutes, OPENAPI_ROUTE, type OpenApiDocument, openApiPath } from './openapi.js';
import type { ApiRoute } from './routes.js';

const Widget = z.object({ id: Uuid, name: z.string(), price: Money }).meta({ id: 'Widget' });
const NewWidget = z
  .object({ name: z.string().trim().min(1).max(50), price: Money, tags: z.array(z.string()).default([]) })
  .meta({ id: 'NewWidget', examples: [{ name: 'Desk Lamp', price: '19.99' }] });

const FIXTURE: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/widgets',
    summary: 'List widgets',
    tag: 'Widgets',
    auth: 'anyone',
    query: z.object({ q: z.string().max(100).optional(), page: z.coerce.number().int().min(1).default(1) }),
    responses: { 200: { description: 'a page', schema: pageOf(Widget) }, 422: { description: 'a bad filter' } },
  },
  {
    method: 'get',
    path: '/api/widgets/:id',
    summary: 'One widget',
    tag: 'Widgets',
    auth: 'anyone',
    params: z.object({ id: Uuid }),
    responses: { 200: { description: 'the widget', schema: Widget }, 404: { description: 'no such widget' } },
  },
  {
    method: 'post',
    path: '/api/widgets',
    summary: 'Make a widget',
    tag: 'Widgets',
    auth: 'admin',
    headers: z.object({ 'Idempotency-Key': z.string().min(1) }),
    body: NewWidget,
    responses: { 201: { description: 'made', schema: Widget }, 409: { description: 'name taken' } },
  },
  {
    method: 'delete',
    path: '/api/widgets/:id/parts/:partId',
    summary: 'Remove a part',
    tag: 'Parts',
    auth: 'user',
    responses: { 204: { description: 'removed' } },
  },
  {
    method: 'get',
    path: '/api/things',
    summary: 'Old name of the list',
    tag: 'Widgets',
    auth: 'anyone',
    aliasOf: 'GET /api/widgets',
    responses: {},
  },
  {
    method: 'get',
    path: '/api/gizmos',
    summary: 'Alias of a route not documented',
    tag: 'Widgets',
    auth: 'user',
    aliasOf: 'GET /api/gone',
    responses: {},
  },
];

const INFO = { title: 'Fixture API', version: '1.2.3' };

async function assertValid(document: OpenApiDocument) {
  // The parser dereferences what it is given: it gets a copy.
  const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
  assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  assert.deepEqual(result.warnings, []);
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads into the generated JSON freely
const operationOf = (document: OpenApiDocument, path: string, method: string): any =>
  (document.paths?.[path] as Record<string, unknown> | undefined)?.[method];

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(FIXTURE, INFO);

  it('makes a document that validates as OpenAPI 3.1', async () => {
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(document.info, INFO);
    await assertValid(document);
  });

  it('writes Express paths as templates and declares every path parameter, even one the row leaves out', () => {
    assert.equal(openApiPath('/api/cart/items/:product_id'), '/api/cart/items/{product_id}');
    assert.deepEqual(Object.keys(document.paths ?? {}).sort(), [
      '/api/gizmos',
      '/api/things',
      '/api/widgets',
      '/api/widgets/{id}',
      '/api/widgets/{id}/parts/{partId}',
    ]);
    const one = operationOf(document, '/api/widgets/{id}', 'get');
    assert.equal(one.parameters.length, 1);
    assert.deepEqual([one.parameters[0].in, one.parameters[0].name, one.parameters[0].required], ['path', 'id', true]);
    assert.equal(one.parameters[0].schema.format, 'uuid');
    const part = operationOf(document, '/api/widgets/{id}/parts/{partId}', 'delete');
    assert.deepEqual(
      part.parameters.map((p: { in: string; name: string; required: boolean }) => [p.in, p.name, p.required]),
      [
        ['path', 'id', true],
        ['path', 'partId', true],
      ],
    );
  });

  it('turns the query and the headers into parameters, required only when they must be sent', () => {
    const list = operationOf(document, '/api/widgets', 'get');
    assert.deepEqual(
      list.parameters.map((p: { in: string; name: string; required?: boolean }) => [p.in, p.name, p.required ?? false]),
      [
        ['query', 'q', false],
        ['query', 'page', false],
      ],
    );
    assert.deepEqual(list.parameters[1].schema, { default: 1, type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
    const make = operationOf(document, '/api/widgets', 'post');
    assert.deepEqual(make.parameters[0], {
      in: 'header',
      name: 'Idempotency-Key',
      required: true,
      schema: { type: 'string', minLength: 1 },
    });
  });

  it('sends the body as JSON, with named schemas as components and their examples kept', () => {
    const make = operationOf(document, '/api/widgets', 'post');
    assert.deepEqual(make.requestBody, {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/NewWidget' } } },
    });
    const component = document.components?.schemas?.NewWidget as { examples: unknown[]; required: string[] };
    assert.deepEqual(component.examples, [{ name: 'Desk Lamp', price: '19.99' }]);
    // A request is described as it is sent (io "input"): a field with a default may be left out.
    assert.deepEqual(component.required, ['name', 'price']);
    assert.deepEqual(document.components?.schemas?.Money, { type: 'string', pattern: '^-?\\d{1,10}\\.\\d{2}$', example: '19.99' });
  });

  it('answers errors with the Error schema, and adds 401 and 403 to the routes that need a token', () => {
    const make = operationOf(document, '/api/widgets', 'post');
    assert.deepEqual(Object.keys(make.responses).sort(), ['201', '401', '403', '409']);
    for (const status of ['401', '403', '409']) {
      assert.deepEqual(make.responses[status].content['application/json'].schema, { $ref: '#/components/schemas/Error' });
    }
    assert.deepEqual(make.responses['201'].content['application/json'].schema, { $ref: '#/components/schemas/Widget' });
    const part = operationOf(document, '/api/widgets/{id}/parts/{partId}', 'delete');
    assert.deepEqual(Object.keys(part.responses).sort(), ['204', '401']);
    assert.equal(part.responses['204'].content, undefined);
    assert.deepEqual(operationOf(document, '/api/widgets', 'get').responses['422'].content['application/json'].schema, {
      $ref: '#/components/schemas/Error',
    });
  });

  it('asks for a Bearer token or the cookie where the route needs one, and for nothing elsewhere', () => {
    assert.deepEqual(Object.keys(document.components?.securitySchemes ?? {}).sort(), ['bearerAuth', 'cookieAuth']);
    assert.deepEqual(document.components?.securitySchemes?.cookieAuth, {
      ...document.components?.securitySchemes?.cookieAuth,
      type: 'apiKey',
      in: 'cookie',
      name: 'access_token',
    });
    assert.deepEqual(operationOf(document, '/api/widgets', 'post').security, [{ bearerAuth: [] }, { cookieAuth: [] }]);
    assert.equal(operationOf(document, '/api/widgets', 'get').security, undefined);
    assert.match(operationOf(document, '/api/widgets', 'post').description, /Admins only/);
  });

  it('documents an alias as one, with the schemas it leaves out taken from its original', () => {
    const alias = operationOf(document, '/api/things', 'get');
    const original = operationOf(document, '/api/widgets', 'get');
    assert.equal(alias['x-alias-of'], 'GET /api/widgets');
    assert.match(alias.description, /Alias of `GET \/api\/widgets`/);
    assert.deepEqual(alias.parameters, original.parameters);
    assert.deepEqual(alias.responses, original.responses);
    assert.notEqual(alias.operationId, original.operationId);
    // An alias of a route the table lacks still makes a valid operation (the gateway's test catches it).
    const orphan = operationOf(document, '/api/gizmos', 'get');
    assert.deepEqual(Object.keys(orphan.responses), ['401']);
  });

  it('refuses a route listed twice', () => {
    assert.throws(
      () => buildOpenApiDocument([FIXTURE[0]!, { ...FIXTURE[0]!, summary: 'again' }], INFO),
      /GET \/api\/widgets is listed twice/,
    );
  });
});

describe('the real table', () => {
  it('with the aliases and the document’s own route, makes a valid document', async () => {
    const routes = documentedRoutes(API_ROUTES, API_ALIASES);
    assert.equal(routes.filter((r) => r.path === OPENAPI_ROUTE.path).length, 1);
    assert.equal(documentedRoutes([...API_ROUTES, OPENAPI_ROUTE], API_ALIASES).filter((r) => r.path === OPENAPI_ROUTE.path).length, 1);
    await assertValid(buildOpenApiDocument(routes, INFO));
  });

  it('gives every alias its original’s method and a path of its own under /api', () => {
    for (const alias of API_ALIASES) {
      assert.match(alias.aliasOf ?? '', /^(GET|POST|PUT|PATCH|DELETE) \/api\//);
      assert.equal(alias.aliasOf?.split(' ')[0], alias.method.toUpperCase());
      assert.ok(!API_ROUTES.some((r) => r.method === alias.method && r.path === alias.path), `${alias.path} is in the table too`);
    }
  });
});

describe('POST /api/payments/process', () => {
  it('takes its own example, and maps it onto the body of POST /api/payments', () => {
    const [example] = (ProcessPaymentBody.meta()?.examples ?? []) as unknown[];
    const body = ProcessPaymentBody.parse(example);
    assert.deepEqual(toPaymentRequest(body), {
      order_id: '0b8f5a6e-3c1d-4e2f-9a7b-5c6d7e8f9a0b',
      card: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' },
    });
  });

  it('defaults the payment method to card, and takes no other method', () => {
    const card_details = { card_number: '4242424242424242', expiry_month: '07', expiry_year: '30', cvv: '123' };
    const order_id = '0b8f5a6e-3c1d-4e2f-9a7b-5c6d7e8f9a0b';
    assert.equal(ProcessPaymentBody.parse({ order_id, card_details }).payment_method, 'card');
    assert.equal(ProcessPaymentBody.safeParse({ order_id, card_details, payment_method: 'paypal' }).success, false);
  });
});
