import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { invalidValue, type JsonSchema, type SchemaContext, validValue } from './schema-arbitrary.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const components: Record<string, JsonSchema> = {
  Money: { type: 'string', pattern: '^-?\\d{1,10}\\.\\d{2}$' },
  Line: {
    type: 'object',
    properties: { product_id: { type: 'string', format: 'uuid' }, quantity: { type: 'integer', minimum: 1, maximum: 99 } },
    required: ['product_id', 'quantity'],
    additionalProperties: false,
  },
};

// Shapes as zod 4 writes them for the API's schemas.
const SCHEMAS: Record<string, JsonSchema> = {
  money: { $ref: '#/components/schemas/Money' },
  line: { $ref: '#/components/schemas/Line' },
  email: {
    type: 'string',
    format: 'email',
    pattern: "^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$",
  },
  product: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      price: { $ref: '#/components/schemas/Money' },
      stock: { type: 'integer', minimum: 0, maximum: 1_000_000 },
      rating: { type: 'number', exclusiveMinimum: 0, maximum: 5 },
      status: { type: 'string', enum: ['pending', 'paid'] },
      note: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] },
      nickname: { type: ['string', 'null'] },
      tags: { type: 'array', items: { type: 'string', maxLength: 30 }, maxItems: 5 },
      lines: { type: 'array', items: { $ref: '#/components/schemas/Line' }, minItems: 1 },
      created_at: { type: 'string', format: 'date-time' },
      kind: { const: 'card' },
      cents: { type: 'integer', multipleOf: 5, minimum: 0, maximum: 100 },
      exp_year: { type: 'integer', minimum: 2020, maximum: 2060 },
    },
    required: ['name', 'price', 'stock', 'status', 'lines'],
  },
};

const context: SchemaContext = {
  resolve: (ref) => components[ref.replace('#/components/schemas/', '')]!,
  knownIds: ['0b8f5a6e-3c1d-4e2f-9a7b-5c6d7e8f9a0b'],
};

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const validator = (schema: JsonSchema) => ajv.compile({ ...(schema as object), components: { schemas: components } });

describe('JSON Schema → fast-check', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const passes = validator(schema);
    it(`makes values that pass the ${name} schema`, () => {
      const values = fc.sample(validValue(schema, context), { seed: 7, numRuns: 100 });
      const failing = values.filter((v) => !passes(v));
      assert.deepEqual(failing.slice(0, 3), []);
    });

    it(`makes values that the ${name} schema mostly refuses`, () => {
      const values = fc.sample(invalidValue(schema, context), { seed: 7, numRuns: 100 });
      const refused = values.filter((v) => !passes(v)).length;
      assert.ok(refused >= 85, `only ${refused} of 100 refused`);
    });
  }

  it('mixes the known ids into UUIDs, and leaves required fields out among the invalid objects', () => {
    const ids = fc.sample(validValue({ type: 'string', format: 'uuid' }, context), { seed: 3, numRuns: 100 });
    assert.ok(ids.includes(context.knownIds[0]));
    const lines = fc.sample(invalidValue(components.Line!, context), { seed: 3, numRuns: 300 }) as Record<string, unknown>[];
    assert.ok(lines.some((l) => l && typeof l === 'object' && !Array.isArray(l) && 'quantity' in l && !('product_id' in l)));
  });
});
