// What review-service tells catalog-service, through its outbox (at least once, in any order: the
// catalog keeps the rating with the highest version).
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import { OutboxDiscard, type OutboxHandler, readPayload } from '@dm/common/outbox';
import { ProductRatingMessage, type Topic } from '@dm/contracts/messages';

export const TOPICS = {
  /** A product's visible reviews changed: its count, the sum of their stars, and the version. */
  productRating: 'product-rating',
} as const satisfies Record<string, Topic>;

export interface MessageClients {
  catalog: ServiceClient;
  serviceToken: () => string;
}

export function messageHandlers({ catalog, serviceToken }: MessageClients): Record<string, OutboxHandler> {
  return {
    [TOPICS.productRating]: async (payload) => {
      const { product_id, count, sum, version } = readPayload(ProductRatingMessage, payload);
      try {
        await catalog.call('PUT', `/internal/product-ratings/${product_id}`, { body: { count, sum, version }, token: serviceToken() });
      } catch (err) {
        // A 4xx (no such product, a refused token) will not get better by retrying: given up, logged.
        if (err instanceof HttpError && err.status < 500) throw new OutboxDiscard(`${catalog.name} answered ${err.status}: ${err.detail}`);
        throw err;
      }
    },
  };
}
