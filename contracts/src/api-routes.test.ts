import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { API_ROUTES } from './api-routes.js';
import * as auth from './auth.js';
import * as cart from './cart.js';
import * as catalog from './catalog.js';
import * as catalogAdmin from './catalog-admin.js';
import { ErrorBody } from './common.js';
import * as internal from './internal.js';
import * as messages from './messages.js';
import * as orders from './orders.js';
import * as payments from './payments.js';
import * as reviews from './reviews.js';
import * as vendorOrders from './vendor-orders.js';

const name = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
const examplesOf = (schema: z.ZodType): unknown[] => (z.globalRegistry.get(schema)?.examples as unknown[] | undefined) ?? [];

describe('API_ROUTES', () => {
  it('lists each route once, under /api, with path parameters that its params schema names', () => {
    const seen = new Set<string>();
    for (const route of API_ROUTES) {
      assert.ok(!seen.has(name(route)), `${name(route)} is listed twice`);
      seen.add(name(route));
      assert.match(route.path, /^\/api\//, name(route));
      const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      assert.deepEqual(inPath, Object.keys(route.params?.shape ?? {}).sort(), name(route));
    }
  });

  it('gives every body an example, and every example passes its own schema', () => {
    for (const route of API_ROUTES.filter((r) => r.body)) {
      const examples = examplesOf(route.body!);
      assert.ok(examples.length > 0, `${name(route)} has no example`);
      for (const example of examples) {
        const result = route.body!.safeParse(example);
        assert.ok(result.success, `${name(route)}: ${JSON.stringify(example)} fails: ${result.error?.message}`);
      }
    }
  });

  it('turns every request schema into JSON Schema as it is sent, and every answer as it is given', () => {
    for (const route of API_ROUTES) {
      for (const part of [route.params, route.query, route.headers, route.body]) {
        if (part) assert.doesNotThrow(() => z.toJSONSchema(part, { io: 'input' }), name(route));
      }
      for (const [status, { schema }] of Object.entries(route.responses)) {
        if (schema) assert.doesNotThrow(() => z.toJSONSchema(schema), `${name(route)} ${status}`);
      }
    }
  });

  it('answers errors as {"detail"}, success with a body unless 204, and names a 401 for every route that needs a user', () => {
    for (const route of API_ROUTES) {
      const statuses = Object.keys(route.responses).map(Number);
      assert.ok(
        statuses.some((s) => s < 300),
        `${name(route)} has no success answer`,
      );
      for (const [status, { schema }] of Object.entries(route.responses)) {
        if (Number(status) >= 400) assert.equal(schema, ErrorBody, `${name(route)} ${status}`);
        else if (Number(status) !== 204) assert.ok(schema, `${name(route)} ${status} has no body`);
      }
      if (route.auth !== 'anyone') assert.ok(statuses.includes(401), `${name(route)} lacks its 401`);
      if (route.auth === 'admin' || route.auth === 'vendor') assert.ok(statuses.includes(403), `${name(route)} lacks its 403`);
    }
  });

  it('can be one document: no two schemas share a component id', () => {
    const all = API_ROUTES.flatMap((r) => [r.params, r.query, r.headers, r.body, ...Object.values(r.responses).map((x) => x.schema)]);
    const ids = new Map<string, z.ZodType>();
    for (const schema of all.filter((s): s is z.ZodType => s !== undefined)) {
      const id = z.globalRegistry.get(schema)?.id;
      if (id === undefined) continue;
      const other = ids.get(id);
      assert.ok(other === undefined || other === schema, `two schemas are named ${id}`);
      ids.set(id, schema);
    }
    const document = z.object(Object.fromEntries(all.map((s, i) => [String(i), s ?? z.null()])));
    assert.doesNotThrow(() => z.toJSONSchema(document, { io: 'input' }));
  });
});

describe('every example in contracts', () => {
  it('passes the schema it illustrates', () => {
    const modules = { auth, cart, catalog, catalogAdmin, internal, messages, orders, payments, reviews, vendorOrders };
    let checked = 0;
    for (const [moduleName, exports] of Object.entries(modules)) {
      for (const [exportName, value] of Object.entries(exports)) {
        if (!(value instanceof z.ZodType)) continue;
        for (const example of examplesOf(value)) {
          checked++;
          const result = value.safeParse(example);
          assert.ok(result.success, `${moduleName}.${exportName}: ${JSON.stringify(example)} fails: ${result.error?.message}`);
        }
      }
    }
    assert.ok(checked >= 15, `only ${checked} examples found`);
  });
});
