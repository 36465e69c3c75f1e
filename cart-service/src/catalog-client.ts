import { ServiceUnavailableError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import type { Logger } from '@dm/common/logger';
import { BatchProduct } from '@dm/contracts/internal';
import { z } from 'zod';
import type { CatalogProduct } from './cart-view.js';

/** The most ids catalog-service takes in one batch. */
const BATCH_LIMIT = 100;

// Only what the cart reads is checked, so the catalog may add fields without breaking carts.
const batchAnswer = z.object({
  items: z.array(
    BatchProduct.pick({
      id: true,
      sku: true,
      slug: true,
      name: true,
      price: true,
      stock: true,
      is_active: true,
      image_url: true,
      vendor: true,
      unavailable_reason: true,
    }),
  ),
});

/**
 * Looks products up by id. Every id asked for is a key of the answer: its product, or null when
 * the catalog does not know it (so a caller can tell "gone" from "not asked").
 */
export type ProductLookup = (ids: readonly string[]) => Promise<Map<string, CatalogProduct | null>>;

export interface CatalogProductsDeps {
  client: ServiceClient;
  serviceToken: () => string;
  logger: Logger;
}

export function catalogProducts({ client, serviceToken, logger }: CatalogProductsDeps): ProductLookup {
  async function batch(ids: string[]): Promise<CatalogProduct[]> {
    const res = await client.request('POST', '/internal/products/batch', { body: { ids }, token: serviceToken(), idempotent: true });
    const answer = res.status === 200 ? batchAnswer.safeParse(res.data) : undefined;
    if (!answer?.success) {
      // A refused service token or an unexpected body is our deployment's fault, not the
      // shopper's: they see the catalog as unavailable, and the log says why.
      logger.error({ status: res.status }, 'catalog-service refused or garbled a product batch');
      throw new ServiceUnavailableError(client.name);
    }
    return answer.data.items;
  }

  return async (ids) => {
    const unique = [...new Set(ids)];
    const found = new Map<string, CatalogProduct | null>(unique.map((id) => [id, null]));
    if (unique.length === 0) return found;
    // One call for any cart (CART_MAX_LINES is at most 100); only a merge onto a full cart can
    // ask for more, and then the batches go out together.
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_LIMIT) chunks.push(unique.slice(i, i + BATCH_LIMIT));
    for (const product of (await Promise.all(chunks.map(batch))).flat()) {
      if (found.has(product.id)) found.set(product.id, product);
    }
    return found;
  };
}
