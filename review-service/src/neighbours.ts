// What review-service asks other services: whether a product exists (catalog-service) and whether
// a user's order of it was delivered (order-service), the two conditions of writing a review; and
// which shop sells a product (catalog-service), the one that may answer its reviews.
import { HttpError, ServiceUnavailableError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import type { Logger } from '@dm/common/logger';
import { BatchProduct, DeliveredPurchase } from '@dm/contracts/internal';
import { z } from 'zod';

export interface NeighbourDeps {
  catalog: ServiceClient;
  orders: ServiceClient;
  serviceToken: () => string;
  logger: Logger;
}

/** A product the shop sells (the catalog's public read: an inactive one is not found). */
export async function assertProductExists({ catalog, logger }: NeighbourDeps, productId: string): Promise<void> {
  const res = await catalog.request('GET', `/products/${productId}`);
  if (res.status === 200) return;
  if (res.status === 404) throw new HttpError(404, 'product not found');
  logger.error({ status: res.status }, 'catalog-service answered a product read unexpectedly');
  throw new ServiceUnavailableError(catalog.name);
}

/** Whether `userId` has a delivered order holding `productId`. */
export async function hasDeliveredPurchase(
  { orders, serviceToken, logger }: NeighbourDeps,
  userId: string,
  productId: string,
): Promise<boolean> {
  const res = await orders.request('GET', '/internal/purchases/delivered', {
    query: { user_id: userId, product_id: productId },
    token: serviceToken(),
  });
  const answer = res.status === 200 ? DeliveredPurchase.safeParse(res.data) : undefined;
  if (!answer?.success) {
    // A refused service token or a garbled answer is the deployment's fault, not the shopper's.
    logger.error({ status: res.status }, 'order-service refused or garbled a delivered-purchase check');
    throw new ServiceUnavailableError(orders.name);
  }
  return answer.data.purchased;
}

// Only the seller is read, so the catalog may add fields without breaking replies.
const sellerAnswer = z.object({ items: z.array(BatchProduct.pick({ id: true, vendor: true })) });

/**
 * The id of the vendor who sells `productId`; null for the house's own product or one the catalog
 * does not know. Asked through the internal batch read, which answers inactive products too: a
 * vendor still answers reviews of a product they have taken off sale.
 */
export async function sellerOf({ catalog, serviceToken, logger }: NeighbourDeps, productId: string): Promise<string | null> {
  const res = await catalog.request('POST', '/internal/products/batch', {
    body: { ids: [productId] },
    token: serviceToken(),
    idempotent: true,
  });
  const answer = res.status === 200 ? sellerAnswer.safeParse(res.data) : undefined;
  if (!answer?.success) {
    logger.error({ status: res.status }, 'catalog-service refused or garbled a product batch');
    throw new ServiceUnavailableError(catalog.name);
  }
  return answer.data.items.find((p) => p.id === productId)?.vendor?.id ?? null;
}
