// Product page views and cart adds, counted in this process's memory and sent every few seconds as
// one `product.activity` event (at most 1000 products an event): a page view never costs a write.
// A batch the transport could not take is kept as it was, same event id, and sent again first at
// the next flush, so a batch that did arrive after all (a timeout) is recognised by analytics'
// inbox and counted once. What is kept is bounded: past the limits, counts are dropped and logged.
// A gateway that dies loses at most the counts since its last flush.
import { type EventTransport, newEvent } from '@dm/common/events';
import type { Logger } from '@dm/common/logger';
import { OutboxDiscard } from '@dm/common/outbox';
import type { BackgroundWorker } from '@dm/common/service';
import type { EventEnvelope } from '@dm/contracts/events';

/** The most products one event carries (the contract's limit). */
export const ACTIVITY_BATCH_MAX = 1000;

export interface ProductActivityOptions {
  transport: EventTransport;
  logger: Logger;
  /** ACTIVITY_FLUSH_SECONDS: how often the counts are sent. */
  flushSeconds: number;
  /** Products counted at once before new ones are dropped. */
  maxProducts?: number;
  /** Unsent batches kept for the next flush before the oldest is dropped. */
  maxPendingBatches?: number;
  now?: () => Date;
}

export interface ProductActivity extends BackgroundWorker {
  /** A shopper saw the product's page (its name goes along, for the dashboard's lists). */
  viewed(product: ViewedProduct): void;
  /** A product went into a cart (page form or API). */
  addedToCart(productId: string): void;
  /** Sends what is counted, after what a failed flush kept; resolves when done (never rejects). */
  flush(): Promise<void>;
}

export interface ViewedProduct {
  id: string;
  sku: string;
  name: string;
  vendor_id: string | null;
}

interface Counts {
  views: number;
  cart_adds: number;
  product?: { sku: string; name: string; vendor_id: string | null };
}

export function createProductActivity({
  transport,
  logger,
  flushSeconds,
  maxProducts = 50_000,
  maxPendingBatches = 100,
  now = () => new Date(),
}: ProductActivityOptions): ProductActivity {
  let counts = new Map<string, Counts>();
  let windowStart = now();
  /** Batches made but not yet taken by the transport, oldest first. */
  const pending: EventEnvelope[] = [];
  let dropped = 0;
  /** Flushes run one after the other. */
  let flushes = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  function count(productId: string, field: 'views' | 'cart_adds'): Counts | undefined {
    let entry = counts.get(productId);
    if (!entry) {
      if (counts.size >= maxProducts) {
        dropped++;
        return undefined;
      }
      entry = { views: 0, cart_adds: 0 };
      counts.set(productId, entry);
    }
    entry[field]++;
    return entry;
  }

  /** Turns the counts so far into batches waiting to be sent, and starts a new window. */
  function cut() {
    const end = now();
    if (counts.size > 0) {
      const items = [...counts].map(([product_id, c]) => ({ product_id, ...c }));
      for (let i = 0; i < items.length; i += ACTIVITY_BATCH_MAX) {
        pending.push(
          newEvent('gateway-web', 'product.activity', {
            window_start: windowStart.toISOString(),
            window_end: end.toISOString(),
            items: items.slice(i, i + ACTIVITY_BATCH_MAX),
          }),
        );
      }
    }
    counts = new Map();
    windowStart = end;
    if (pending.length > maxPendingBatches) {
      const lost = pending.splice(0, pending.length - maxPendingBatches);
      logger.error({ batches: lost.length }, 'product activity: analytics has been unreachable too long; the oldest counts are dropped');
    }
    if (dropped > 0) {
      logger.warn({ dropped }, 'product activity: too many products counted at once; some counts were dropped');
      dropped = 0;
    }
  }

  async function send() {
    cut();
    while (pending.length > 0) {
      try {
        await transport.publish(pending[0]!);
        pending.shift();
      } catch (err) {
        if (err instanceof OutboxDiscard) {
          // Refused for good (a 4xx): sending it again would be refused again.
          logger.error({ err, event_id: pending[0]!.id }, 'product activity: batch refused, dropped');
          pending.shift();
          continue;
        }
        logger.warn({ err, batches: pending.length }, 'product activity: not sent; kept for the next flush');
        return;
      }
    }
  }

  function flush(): Promise<void> {
    flushes = flushes.then(send).catch((err: unknown) => logger.error({ err }, 'product activity: flush failed'));
    return flushes;
  }

  return {
    viewed({ id, sku, name, vendor_id }) {
      const entry = count(id, 'views');
      if (entry) entry.product = { sku, name, vendor_id };
    },
    addedToCart: (productId) => count(productId, 'cart_adds'),
    flush,
    start() {
      timer ??= setInterval(() => void flush(), flushSeconds * 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      // The counts since the last flush go out before the process does (the transport's owner closes it after).
      await flush();
    },
  };
}
