// Every documented route, driven with inputs made from its own schemas in the document: valid
// ones, invalid ones (wrong types, one past a bound, a field missing), unicode, junk JSON and
// anything at all, as nobody, a shopper, a vendor, an admin or a forged token. No answer may be a 5xx, and
// every 4xx must be `{"detail": string}` (plus `errors` on a 422). Seeded, so a failure replays.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type GatewayStack, startGatewayStack } from '../../testing.js';
import { API_DOCUMENT } from './document.js';
import { fuzzValue, invalidValue, type JsonSchema, type SchemaContext, validValue } from './schema-arbitrary.js';
import { adminToken, call, newShopper, newVendor, pendingOrder } from './test-client.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const DEEP_JSON = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const SEED = 20_261_129;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  auth: 'anyone' | 'user' | 'vendor' | 'admin';
}

const operations: Operation[] = Object.entries(API_DOCUMENT.paths ?? {}).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => {
    // biome-ignore lint/suspicious/noExplicitAny: an operation object of the generated document
    const op = item[method] as any;
    return {
      method,
      path,
      parameters: (op.parameters ?? []) as Parameter[],
      body: op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
      auth: op['x-auth'] ?? 'anyone',
    };
  }),
);

type Who = 'nobody' | 'user' | 'vendor' | 'admin' | 'forged';

interface FuzzRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: string | undefined;
  who: Who;
}

let stack: GatewayStack;
const tokens: Record<Who, string | undefined> = {
  nobody: undefined,
  user: undefined,
  vendor: undefined,
  admin: undefined,
  forged: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.x',
};
let context: SchemaContext;

before(async () => {
  stack = await startGatewayStack();
  tokens.admin = await adminToken(stack.url);
  const shopper = await newShopper(stack.url);
  tokens.user = shopper.token;
  tokens.vendor = (await newVendor(stack, 'Fuzz Fabrics')).token;
  const { productId, orderId } = await pendingOrder(stack.url, tokens.admin, shopper);
  // The shopper's cart holds a line again, so a valid checkout gets as far as an order.
  await call(stack.url, 'POST', '/api/cart/items', { token: shopper.token, body: { product_id: productId, quantity: 1 } });
  const category = await stack.catalogDb.db
    .insertInto('categories')
    .values({ name: 'Fuzz', slug: 'fuzz', sort_order: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const schemas = (API_DOCUMENT.components?.schemas ?? {}) as Record<string, JsonSchema>;
  context = {
    resolve: (ref) => schemas[ref.replace('#/components/schemas/', '')] ?? true,
    knownIds: [productId, orderId, category.id, shopper.id],
  };
});

after(async () => {
  await stack.stop();
});

function requests(op: Operation): fc.Arbitrary<FuzzRequest> {
  // All valid, one wrong, or each anything: a request with every field at random would stop at
  // the first check every time, and never reach the code behind it.
  const values = (where: Parameter['in']): fc.Arbitrary<Record<string, unknown>> => {
    const params = op.parameters.filter((p) => p.in === where);
    if (params.length === 0) return fc.constant({});
    const shapeOf = (make: (schema: JsonSchema) => fc.Arbitrary<unknown>) =>
      Object.fromEntries(params.map((p) => [p.name, make(p.schema)]));
    const required = params.filter((p) => p.required || where === 'path').map((p) => p.name);
    const valid = fc.record(
      shapeOf((schema) => validValue(schema, context)),
      { requiredKeys: required },
    );
    const oneWrong = fc
      .constantFrom(...params)
      .chain((p) => fc.tuple(valid, fc.constant(p.name), invalidValue(p.schema, context)))
      .map(([value, name, wrong]) => ({ ...value, [name]: wrong }));
    // Path parameters are always there (else it is another path); the others come and go.
    const wild = fc.record(
      shapeOf((schema) => fuzzValue(schema, context)),
      { requiredKeys: where === 'path' ? required : [] },
    );
    return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: oneWrong }, { weight: 1, arbitrary: wild });
  };
  // Broken JSON, prototype games, and nesting deep enough to blow a recursive JSON.stringify.
  const junk = fc.constantFrom('{', '', 'null', '[1,', '{"a":1}x', '"\u0000"', '{"__proto__":{"admin":true}}', DEEP_JSON);
  const body = op.body
    ? fc.oneof({ weight: 9, arbitrary: fuzzValue(op.body, context).map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: junk })
    : fc.constant(undefined);
  // Mostly the caller the route is for; sometimes one it must turn away.
  const who: fc.Arbitrary<Who> =
    op.auth === 'anyone'
      ? fc.constantFrom<Who>('nobody', 'nobody', 'user', 'admin')
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant<Who>(op.auth) },
          { weight: 2, arbitrary: fc.constantFrom<Who>(...(['user', 'vendor', 'admin'] as const).filter((w) => w !== op.auth)) },
          { weight: 1, arbitrary: fc.constantFrom<Who>('nobody', 'forged') },
        );
  return fc.record({ path: values('path'), query: values('query'), headers: values('header'), body, who });
}

const asText = (v: unknown): string =>
  typeof v === 'string' ? v : v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** A header carries Latin-1 without control characters; anything else is sent percent-encoded. */
const headerValue = (v: unknown) => {
  const text = asText(v);
  return /^[\x20-\x7e\x80-\xff]*$/.test(text) ? text : encodeURIComponent(text);
};

function urlOf(op: Operation, request: FuzzRequest): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(asText(request.path[name])));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) query.append(name, asText(one));
  }
  return query.size > 0 ? `${path}?${query}` : path;
}

/** What is wrong with an answer, if anything. */
function problemOf(status: number, text: string): string | undefined {
  if (status >= 500) return `${status} ${text.slice(0, 200)}`;
  if (status < 400) return undefined;
  let body: { detail?: unknown; errors?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} is not JSON: ${text.slice(0, 100)}`;
  }
  if (typeof body?.detail !== 'string') return `${status} has no "detail" string: ${text.slice(0, 200)}`;
  const errors = body.errors;
  if (errors !== undefined) {
    const fine = Array.isArray(errors) && errors.every((e) => typeof e?.field === 'string' && typeof e?.message === 'string');
    if (!fine) return `${status} has malformed "errors": ${text.slice(0, 200)}`;
  }
  return undefined;
}

/** A seed per route from its name, so adding a route does not change what the others are sent. */
const seedOf = (name: string) => [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, SEED);

describe('fuzzing every documented route', { concurrency: 2 }, () => {
  it('has routes to fuzz', () => {
    assert.ok(operations.length > 0);
  });

  it('refuses a body nested too deep with a 400 (it was a 500: found by this test)', async () => {
    const res = await fetch(`${stack.url}/api/cart/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.user}` },
      body: DEEP_JSON,
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { detail: string }).detail, /nested more than 32 levels/);
  });

  for (const op of operations) {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    it(`${name}: no 5xx, and every 4xx is {"detail"}`, async () => {
      const failures: string[] = [];
      for (const request of fc.sample(requests(op), { seed: seedOf(name), numRuns: RUNS })) {
        const url = urlOf(op, request);
        const headers: Record<string, string> = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, headerValue(v)]));
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        const token = tokens[request.who];
        if (token) headers.authorization = `Bearer ${token}`;
        const res = await fetch(`${stack.url}${url}`, { method: op.method.toUpperCase(), headers, body: request.body });
        const problem = problemOf(res.status, await res.text());
        if (problem) failures.push(`${op.method.toUpperCase()} ${url} as ${request.who}, body ${request.body?.slice(0, 300)}: ${problem}`);
      }
      assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${RUNS} requests failed`);
    });
  }
});
