// Inputs for the API fuzz test, made from the OpenAPI document's JSON Schemas (draft 2020-12, as
// zod writes them): values that pass a schema, values that fail it in the usual ways (a wrong type,
// one past a bound, a required field missing) and anything at all. It knows the shapes zod emits:
// object, string (formats, patterns, lengths), integer and number (bounds), enum and const, array,
// anyOf / oneOf (nullable), $ref into components.
import fc from 'fast-check';

export type JsonSchema = { [keyword: string]: unknown } | boolean;

export interface SchemaContext {
  /** The schema a `$ref` such as `#/components/schemas/Money` points at. */
  resolve(ref: string): JsonSchema;
  /** Ids that exist, mixed into UUID strings so that requests get past the 404s. */
  knownIds: readonly string[];
}

type Arb = fc.Arbitrary<unknown>;

const MAX_DEPTH = 6;
const SAFE = Number.MAX_SAFE_INTEGER;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const obj = (schema: JsonSchema): Record<string, unknown> => (typeof schema === 'object' ? schema : {});

/**
 * Text as people and attackers type it: ASCII, any Unicode (emoji, combining marks, RTL), control
 * characters; its length in code points, as JSON Schema counts.
 */
function text(minLength = 0, maxLength = 40): fc.Arbitrary<string> {
  const max = Math.max(minLength, Math.min(maxLength, minLength + 60));
  const fits = (s: string) => [...s].length >= minLength && [...s].length <= max;
  return fc.oneof(
    fc.string({ minLength, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: Math.min(minLength, 1), maxLength: max }).filter(fits),
    fc.string({ unit: 'binary', minLength, maxLength: max }),
  );
}

function typesOf(schema: Record<string, unknown>): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

const dates = fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

function formatted(format: unknown, ctx: SchemaContext): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'uuid':
      return ctx.knownIds.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...ctx.knownIds)) : fc.uuid();
    case 'email':
      return fc.oneof(
        fc.emailAddress(),
        fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('example.com', 'mail.example.org')).map(([u, d]) => `${u}@${d}`),
      );
    case 'date-time':
      return dates.map((d) => d.toISOString());
    case 'date':
      return dates.map((d) => d.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      return undefined;
  }
}

function validString(schema: Record<string, unknown>, ctx: SchemaContext): Arb {
  const min = num(schema.minLength) ?? 0;
  const max = num(schema.maxLength) ?? Math.max(min, 40);
  const format = formatted(schema.format, ctx);
  if (format) {
    // zod writes a pattern beside its formats, often stricter than the format's own generator.
    const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
    return format.filter((v) => v.length >= min && v.length <= max && (pattern?.test(v) ?? true));
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot invert (a lookahead): plain text, mostly refused.
    }
  }
  // The bounds themselves too: the shortest and the longest string the schema takes.
  return fc.oneof(
    { weight: 4, arbitrary: text(min, max) },
    fc.string({ minLength: min, maxLength: min }),
    fc.string({ minLength: max, maxLength: max }),
  );
}

function validNumber(schema: Record<string, unknown>, integer: boolean): Arb {
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  const step = integer ? 1 : 0.01;
  const min = Math.max(-SAFE, num(schema.minimum) ?? (exclusiveMin === undefined ? -SAFE : exclusiveMin + step));
  const max = Math.min(SAFE, num(schema.maximum) ?? (exclusiveMax === undefined ? SAFE : exclusiveMax - step));
  const multipleOf = num(schema.multipleOf);
  if (multipleOf !== undefined && multipleOf > 0) {
    const steps = { min: Math.max(Math.ceil(min / multipleOf), -1e9), max: Math.min(Math.floor(max / multipleOf), 1e9) };
    return fc.integer(steps).map((n) => n * multipleOf);
  }
  if (integer) {
    // Small values are where the interesting answers are (pages, quantities); the bounds themselves too.
    const low = Math.max(min, -1000);
    const small = fc.integer({ min: low, max: Math.min(max, low + 2000) });
    return fc.oneof(small, fc.integer({ min, max }), fc.constantFrom(min, max));
  }
  return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(min, max));
}

/** Values the schema accepts (as far as its keywords tell: a refinement in code may still refuse). */
export function validValue(schema: JsonSchema, ctx: SchemaContext, depth = 0): Arb {
  if (schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false || depth > MAX_DEPTH) return fc.constant(null);
  const s = schema;
  if (typeof s.$ref === 'string') return validValue(ctx.resolve(s.$ref), ctx, depth + 1);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const members = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(members)) return fc.oneof(...members.map((m) => validValue(m, ctx, depth + 1)));
  if (Array.isArray(s.allOf)) return validValue(s.allOf[0] as JsonSchema, ctx, depth + 1);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type }, ctx, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return validNumber(s, true);
    case 'number':
      return validNumber(s, false);
    case 'string':
      return validString(s, ctx);
    case 'array': {
      const minLength = num(s.minItems) ?? 0;
      const maxLength = Math.min(num(s.maxItems) ?? 4, minLength + 4);
      return fc.array(validValue((s.items as JsonSchema) ?? true, ctx, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      const shape = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validValue(v, ctx, depth + 1)]));
      return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const wrongTypes = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(Number.MAX_VALUE, -0, 1e21, '', ' ', '0', 'null', 'true', '\u0000', '🦄'.repeat(100), 'x'.repeat(10_001)),
);

/** Values the schema should refuse: a wrong type, a value one past a bound, a required field left out, … */
export function invalidValue(schema: JsonSchema, ctx: SchemaContext, depth = 0): Arb {
  const s = obj(schema);
  if (typeof s.$ref === 'string' && depth <= MAX_DEPTH) return invalidValue(ctx.resolve(s.$ref), ctx, depth + 1);
  const options: Arb[] = [wrongTypes];
  const types = typesOf(s);
  if (types.includes('string')) {
    const min = num(s.minLength);
    const max = num(s.maxLength);
    if (min !== undefined && min > 0) options.push(fc.string({ maxLength: min - 1 }));
    if (max !== undefined) options.push(fc.string({ minLength: max + 1, maxLength: max + 3 }));
    options.push(text(0, 20));
  }
  if (types.includes('integer') || types.includes('number')) {
    const bounds = [s.minimum, s.exclusiveMinimum].map(num).filter((v) => v !== undefined);
    const tops = [s.maximum, s.exclusiveMaximum].map(num).filter((v) => v !== undefined);
    options.push(fc.constantFrom(...bounds.map((b) => b - 1), ...tops.map((t) => t + 1), 0.5, -1, 2 ** 53, Number.MIN_VALUE, '12', '1e3'));
  }
  if (types.includes('array') && depth <= MAX_DEPTH) {
    const items = (s.items as JsonSchema) ?? true;
    options.push(fc.array(invalidValue(items, ctx, depth + 1), { minLength: 1, maxLength: 3 }));
    const max = num(s.maxItems);
    if (max !== undefined && max < 200)
      options.push(fc.array(validValue(items, ctx, depth + 1), { minLength: max + 1, maxLength: max + 1 }));
  }
  if (types.includes('object') && depth <= MAX_DEPTH) {
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = ((s.required ?? []) as string[]).filter((k) => k in properties);
    const whole = validValue(s, ctx, depth) as fc.Arbitrary<Record<string, unknown>>;
    if (required.length > 0) {
      // One required field left out.
      options.push(
        fc.tuple(whole, fc.constantFrom(...required)).map(([value, key]) => {
          const { [key]: _, ...rest } = value;
          return rest;
        }),
      );
    }
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      // One field, any of them, with a value its schema refuses.
      options.push(
        fc
          .constantFrom(...keys)
          .chain((key) => fc.tuple(whole, fc.constant(key), invalidValue(properties[key]!, ctx, depth + 1)))
          .map(([value, key, bad]) => ({ ...value, [key]: bad })),
      );
    }
  }
  if (Array.isArray(s.enum)) options.push(text(0, 12));
  return fc.oneof(...options);
}

/** A valid object with fields nobody asked for (`__proto__`, `is_admin`, …) beside its own. */
function withExtraFields(schema: JsonSchema, ctx: SchemaContext): Arb {
  const extra = fc.dictionary(
    fc.oneof(text(1, 10), fc.constantFrom('__proto__', 'constructor', 'role', 'is_admin', 'user_id')),
    fc.jsonValue({ maxDepth: 1 }),
  );
  return fc
    .tuple(validValue(schema, ctx), extra)
    .map(([value, more]) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...more, ...value } : value));
}

/** What the fuzz test sends for one schema: mostly valid, often invalid, sometimes anything at all. */
export function fuzzValue(schema: JsonSchema, ctx: SchemaContext): Arb {
  return fc.oneof(
    { weight: 5, arbitrary: validValue(schema, ctx) },
    { weight: 4, arbitrary: invalidValue(schema, ctx) },
    { weight: 1, arbitrary: withExtraFields(schema, ctx) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}
