// `npm run seed -- --products N`: a big, believable catalog for trying the shop and its queries at
// scale. Every product is a variation of one of the demo products (its category, tags, price band
// and picture), so pages look like a real shop rather than "Product 81234".
import { randomUUID } from 'node:crypto';
import type { Logger } from '@dm/common/logger';
import { seededRandom } from '@dm/common/seeded-random';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db.js';
import { slugify } from '../products/slug.js';
import { DEMO_CATALOG, type DemoCategory, type DemoDepartment, type DemoProduct } from './catalog-data.js';
import { seedDemoCatalog } from './demo-catalog.js';

export interface BulkSeedOptions {
  products: number;
  /** rows per INSERT; every column travels as one array parameter, so a batch is one round trip */
  batchSize?: number;
  /** the random stream: the same seed and the same catalog give the same products */
  seed?: number;
  logger: Logger;
}

export interface BulkSeedResult {
  created: number;
  /** the catalog's product count afterwards */
  total: number;
  ms: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const BRANDS = [
  'Northwind',
  'Kestrel',
  'Lumen',
  'Fjord',
  'Alder',
  'Cobalt',
  'Juniper',
  'Vesper',
  'Halcyon',
  'Marlow',
  'Quill',
  'Rowan',
  'Solstice',
  'Tamber',
  'Umbra',
  'Wren',
  'Yarrow',
  'Zephyr',
  'Brio',
  'Cinder',
  'Drift',
  'Ember',
  'Fable',
  'Grove',
  'Harbor',
  'Ionic',
  'Jasper',
  'Kinfolk',
  'Loom',
  'Meridian',
];
const VARIANTS = ['Pro', 'Lite', 'Mini', 'Max', 'Plus', 'II', 'Classic', 'Sport', 'Studio', 'XL', 'Compact', 'Essential'];
const COLOURS = ['Black', 'White', 'Graphite', 'Navy', 'Sage', 'Coral', 'Sand', 'Slate', 'Walnut', 'Oak', 'Olive', 'Rust'];
const BOOK_ADJECTIVES = ['Silent', 'Northern', 'Hidden', 'Golden', 'Last', 'Quiet', 'Wild', 'Lost', 'Small', 'Bright', 'Distant', 'Winter'];
const BOOK_NOUNS = [
  'Harbour',
  'Garden',
  'River',
  'Lighthouse',
  'Orchard',
  'Kingdom',
  'Island',
  'Forest',
  'Library',
  'Voyage',
  'Mountain',
  'Kitchen',
];
const BOOK_FORMATS = ['Paperback', 'Hardcover', 'Large Print', 'Pocket Edition', 'Illustrated Edition'];

interface Template {
  department: DemoDepartment;
  category: DemoCategory;
  categoryId: string;
  product: DemoProduct;
  /** the demo product's picture, shared by every variation of it */
  imageUrl: string | null;
}

/** The demo departments and categories, made when missing (a category already there is kept). */
async function demoCategoryIds(db: Kysely<Database>): Promise<Map<string, string>> {
  const slugs: string[] = [];
  for (const [i, department] of DEMO_CATALOG.entries()) {
    await db
      .insertInto('categories')
      .values({ name: department.name, slug: slugify(department.name), parent_id: null, sort_order: (i + 1) * 10 })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const parent = await db.selectFrom('categories').select('id').where('slug', '=', slugify(department.name)).executeTakeFirstOrThrow();
    await db
      .insertInto('categories')
      .values(department.children.map((c, j) => ({ name: c.name, slug: slugify(c.name), parent_id: parent.id, sort_order: j + 1 })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    slugs.push(...department.children.map((c) => slugify(c.name)));
  }
  const rows = await db.selectFrom('categories').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

async function templates(db: Kysely<Database>): Promise<Template[]> {
  const categoryIds = await demoCategoryIds(db);
  const demoSku = (d: DemoDepartment, c: DemoCategory, i: number) => `${d.code}-${c.code}-${String(i + 1).padStart(3, '0')}`;
  const skus = DEMO_CATALOG.flatMap((d) => d.children.flatMap((c) => c.products.map((_, i) => demoSku(d, c, i))));
  const pictures = await db.selectFrom('products').select(['sku', 'image_url']).where('sku', 'in', skus).execute();
  const pictureOf = new Map(pictures.map((p) => [p.sku, p.image_url]));
  return DEMO_CATALOG.flatMap((department) =>
    department.children.flatMap((category) =>
      category.products.map((product, i) => ({
        department,
        category,
        categoryId: categoryIds.get(slugify(category.name))!,
        product,
        imageUrl: pictureOf.get(demoSku(department, category, i)) ?? null,
      })),
    ),
  );
}

interface Row {
  id: string;
  sku: string;
  slug: string;
  name: string;
  description: string;
  price: string;
  stock: number;
  is_active: boolean;
  is_featured: boolean;
  tags: string;
  image_url: string | null;
  created_at: Date;
  category_id: string;
}

/** A price near the template's, ending the way shop prices do (.99, .50 or .00). */
function priceNear(base: string, random: () => number): string {
  const cents = Math.round(Number(base) * 100 * (0.55 + random() * 1.25));
  const whole = Math.max(1, Math.floor(cents / 100));
  const ending = ['99', '99', '50', '00', '95'][Math.floor(random() * 5)]!;
  return `${whole}.${ending}`;
}

function stockLevel(random: () => number): number {
  const r = random();
  if (r < 0.08) return 0;
  if (r < 0.18) return 1 + Math.floor(random() * 4);
  return 5 + Math.floor(random() * 400);
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

function productName(t: Template, random: () => number): { name: string; extraTags: string[]; note: string } {
  if (t.department.code === 'BOOK') {
    const title =
      random() < 0.5
        ? `The ${pick(BOOK_ADJECTIVES, random)} ${pick(BOOK_NOUNS, random)}`
        : `${pick(BOOK_NOUNS, random)} of the ${pick(BOOK_ADJECTIVES, random)} ${pick(BOOK_NOUNS, random)}`;
    const format = pick(BOOK_FORMATS, random);
    return {
      name: `${title} (${format})`,
      extraTags: [slugify(format)],
      note: `This ${format.toLowerCase()} edition is printed on recycled paper.`,
    };
  }
  const words = t.product.name.split(' ');
  // "Aurora Wireless Over-Ear Headphones" → "Wireless Over-Ear Headphones": the brand is ours to pick.
  const core = words.length >= 3 ? words.slice(1).join(' ') : t.product.name;
  let name = `${pick(BRANDS, random)} ${core}`;
  // "Pan 28 cm Pro" reads wrong: a size or a count ends the name.
  const variant = random() < 0.5 ? pick(VARIANTS, random) : undefined;
  if (variant && !/(\d|\b(cm|ml|kg|L|Pieces))$/.test(core)) name += ` ${variant}`;
  const extraTags: string[] = [];
  let note = '';
  if (random() < 0.4) {
    const colour = pick(COLOURS, random);
    name += `, ${colour}`;
    extraTags.push(colour.toLowerCase());
    note = ` Finished in ${colour.toLowerCase()}.`;
  }
  return { name, extraTags, note };
}

function makeRow(n: number, t: Template, random: () => number, now: number): Row {
  const { name, extraTags, note } = productName(t, random);
  const active = random() >= 0.03;
  // Spread over two years, so "newest" and deep pages both mean something.
  const createdAt = new Date(now - Math.floor(random() * 730 * DAY_MS));
  return {
    id: randomUUID(),
    sku: `${t.department.code}-${t.category.code}-B${String(n).padStart(6, '0')}`,
    slug: `${slugify(name)}-b${n}`,
    name,
    description: `${t.product.description}${note}`,
    price: priceNear(t.product.price, random),
    stock: stockLevel(random),
    is_active: active,
    is_featured: active && random() < 0.015,
    tags: [...new Set([...t.product.tags, ...extraTags])].join('|'),
    image_url: t.imageUrl,
    created_at: createdAt,
    category_id: t.categoryId,
  };
}

async function insertBatch(db: Kysely<Database>, rows: Row[]): Promise<void> {
  const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
  // unnest of one array per column: a 5,000-row batch is 13 parameters, not 65,000.
  await sql`
    INSERT INTO products (id, sku, slug, name, description, price, stock, is_active, is_featured, tags, image_url, created_at, updated_at)
    SELECT id, sku, slug, name, description, price, stock, is_active, is_featured, string_to_array(tags, '|'), image_url, created_at, created_at
    FROM unnest(
      ${column('id')}::uuid[], ${column('sku')}::text[], ${column('slug')}::text[], ${column('name')}::text[],
      ${column('description')}::text[], ${column('price')}::numeric[], ${column('stock')}::int[], ${column('is_active')}::boolean[],
      ${column('is_featured')}::boolean[], ${column('tags')}::text[], ${column('image_url')}::text[], ${column('created_at')}::timestamptz[]
    ) AS t(id, sku, slug, name, description, price, stock, is_active, is_featured, tags, image_url, created_at)
  `.execute(db);
  await sql`
    INSERT INTO product_categories (product_id, category_id)
    SELECT * FROM unnest(${column('id')}::uuid[], ${column('category_id')}::uuid[])
  `.execute(db);
}

/**
 * Adds `products` products to the catalog, numbered after the ones an earlier run made (their SKUs
 * end in -B000001, -B000002, …), in one transaction. An empty catalog first gets the demo shop, whose
 * categories and pictures the new products share: no image rows are made here.
 */
export async function seedBulkProducts(db: Kysely<Database>, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5000;
  const log = options.logger;
  const demo = await seedDemoCatalog(db, log);
  if (demo > 0) log.info({ created: demo }, 'empty catalog: demo shop seeded first');

  const shapes = await templates(db);
  const { last } = await db
    .selectFrom('products')
    .select(sql<number>`coalesce(max(substring(sku from '-B([0-9]+)$')::int), 0)`.as('last'))
    .where('sku', '~', '-B[0-9]+$')
    .executeTakeFirstOrThrow();
  const random = seededRandom((options.seed ?? 20261124) + last);
  const now = Date.now();

  await db.transaction().execute(async (trx) => {
    // With asynchronous commit (the throwaway test servers) VACUUM right after could not yet mark
    // the new rows visible to all, and the planner would shun index-only scans.
    await sql`SET LOCAL synchronous_commit = on`.execute(trx);
    for (let done = 0; done < options.products; ) {
      const size = Math.min(batchSize, options.products - done);
      const rows = Array.from({ length: size }, (_, i) => makeRow(last + done + i + 1, pick(shapes, random), random, now));
      await insertBatch(trx, rows);
      done += size;
      log.debug({ done }, 'products inserted');
    }
  });
  // Fresh statistics and a visibility map, so the planner picks the indexes (and index-only scans)
  // straight away instead of after autovacuum's next round.
  await sql`VACUUM (ANALYZE) products, product_categories, categories`.execute(db);

  const { total } = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { created: options.products, total, ms: Math.round(performance.now() - started) };
}
