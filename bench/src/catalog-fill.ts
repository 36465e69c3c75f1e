import type { BenchShop } from './shop.js';

/** Fills the bench shop's catalog with `count` products; answers how many there are and how long it took. */
export async function fillCatalog(shop: BenchShop, count: number): Promise<{ count: number; seconds: number }> {
  const started = performance.now();
  // Until the bulk seed lands: products through the admin API, a few at a time.
  const batch = 20;
  for (let made = 0; made < count; made += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - made) }, (_, i) =>
        shop.call('POST', '/api/products', {
          token: shop.adminToken,
          body: { sku: `FILL-${made + i}`, name: `Desk Lamp Model ${made + i}`, description: 'A bench product.', price: `${(made + i) % 500}.99`, stock: 100, tags: ['bench'] },
        }),
      ),
    );
  }
  const total = (await shop.call('GET', '/api/products?page_size=1')).body.total as number;
  return { count: total, seconds: (performance.now() - started) / 1000 };
}
