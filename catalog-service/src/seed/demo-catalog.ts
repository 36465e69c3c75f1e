import { randomUUID } from 'node:crypto';
import type { Logger } from '@dm/common/logger';
import { DEMO_VENDORS } from '@dm/contracts/demo-vendors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, NewProduct, NewProductImage } from '../db.js';
import { imageRecord, imageUrl } from '../images/images.js';
import { slugify } from '../products/slug.js';
import { termKey } from '../search/synonyms.js';
import { DEMO_CATALOG, DEMO_SYNONYMS, type DemoCategory, type DemoDepartment } from './catalog-data.js';
import { productTileSvg } from './tile.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// Any fixed number: every process that seeds takes this lock, so two booting at once seed once.
const SEED_LOCK = 7_302_114;

/** FNV-1a: a stable number per SKU, so dates and colours vary but come out the same every run. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// A category already holding the slug (made by hand before the first seed) is taken over.
async function upsertCategories(
  trx: Transaction<Database>,
  rows: { name: string; parent_id: string | null; sort_order: number }[],
): Promise<Map<string, string>> {
  const saved = await trx
    .insertInto('categories')
    .values(rows.map((r) => ({ ...r, slug: slugify(r.name) })))
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        parent_id: eb.ref('excluded.parent_id'),
        sort_order: eb.ref('excluded.sort_order'),
      })),
    )
    .returning(['id', 'name'])
    .execute();
  return new Map(saved.map((c) => [c.name, c.id]));
}

/**
 * Fills an empty catalog with the demo shop: departments, their categories and 77 products, each
 * with a generated picture, some of them sold by the three demo vendors. All in one transaction; does nothing when any product exists.
 * Returns how many products it created.
 */
/** At start-up when `enabled` (SEED_DEMO_CATALOG): the demo catalog for an empty shop, and a line saying so. */
export async function seedDemoCatalogAtBoot(db: Kysely<Database>, logger: Logger, enabled: boolean): Promise<void> {
  if (!enabled) return;
  const created = await seedDemoCatalog(db, logger);
  logger.info(
    { created },
    created > 0 ? `demo catalog seeded with ${created} products` : 'catalog already has products: demo seed skipped',
  );
}

export async function seedDemoCatalog(db: Kysely<Database>, logger: Logger): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const existing = await trx.selectFrom('products').select('id').limit(1).executeTakeFirst();
    if (existing) return 0;

    const departments = await upsertCategories(
      trx,
      DEMO_CATALOG.map((d, i) => ({ name: d.name, parent_id: null, sort_order: (i + 1) * 10 })),
    );
    const children = await upsertCategories(
      trx,
      DEMO_CATALOG.flatMap((d) => d.children.map((c, i) => ({ name: c.name, parent_id: departments.get(d.name)!, sort_order: i + 1 }))),
    );

    // The demo's three shops: their owners' accounts are auth-service's, with the same ids.
    await trx
      .insertInto('vendors')
      .values(
        DEMO_VENDORS.map((v) => ({
          id: v.id,
          slug: slugify(v.shop),
          name: v.shop,
          description: v.description,
          contact_email: v.email,
          payout_reference: `IBAN DEMO ${v.id.slice(-4)}`,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    const sellerOf = new Map(DEMO_VENDORS.flatMap((v) => v.categories.map((code) => [code, v.id])));

    const now = Date.now();
    const products: NewProduct[] = [];
    const links: { product_id: string; category_id: string }[] = [];
    const pictures: NewProductImage[] = [];
    const add = (department: DemoDepartment, category: DemoCategory) => {
      category.products.forEach((p, i) => {
        const sku = `${department.code}-${category.code}-${String(i + 1).padStart(3, '0')}`;
        const hash = hashOf(sku);
        const id = randomUUID();
        const imageId = randomUUID();
        // Spread over the past 60 days so "newest" means something in the demo.
        const createdAt = new Date(now - (hash % (60 * 24)) * (DAY_MS / 24) - (hash % 3600) * 1000);
        products.push({
          id,
          sku,
          slug: slugify(p.name),
          name: p.name,
          description: p.description,
          price: p.price,
          stock: p.stock,
          is_featured: p.featured ?? false,
          tags: p.tags,
          image_url: imageUrl(imageId),
          vendor_id: sellerOf.get(category.code) ?? null,
          created_at: createdAt,
          updated_at: createdAt,
        });
        links.push({ product_id: id, category_id: children.get(category.name)! });
        const svg = productTileSvg({ icon: p.icon, hue: department.hue, shift: (hash % 25) - 12 });
        pictures.push(imageRecord({ id: imageId, product_id: id, content_type: 'image/svg+xml', data: Buffer.from(svg), alt: p.name }));
      });
    };
    for (const department of DEMO_CATALOG) for (const category of department.children) add(department, category);
    logger.debug({ products: products.length }, 'seeding the demo catalog');

    await trx.insertInto('products').values(products).execute();
    await trx.insertInto('product_categories').values(links).execute();
    await trx.insertInto('product_images').values(pictures).execute();
    await trx
      .insertInto('search_synonyms')
      .values(DEMO_SYNONYMS.map((s) => ({ term: termKey(s.term), synonym: s.synonym })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    return products.length;
  });
}
