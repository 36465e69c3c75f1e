// The counter with a fake transport (the neighbour here is the event transport, not a service).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { EventTransport } from '@dm/common/events';
import { OutboxDiscard } from '@dm/common/outbox';
import { eventually, silentLogger } from '@dm/common/testing';
import { type EventEnvelope, readEvent } from '@dm/contracts/events';
import { ACTIVITY_BATCH_MAX, createProductActivity } from './product-activity.js';

type Items = { product_id: string; views: number; cart_adds: number }[];

/** A product page as the shop shows it: what a view of it tells besides its id. */
const page = (id: string) => ({ id, sku: `SKU-${id.slice(0, 4)}`, name: `Product ${id.slice(0, 4)}`, vendor_id: null });
const named = (id: string) => ({ sku: `SKU-${id.slice(0, 4)}`, name: `Product ${id.slice(0, 4)}`, vendor_id: null });

/** A transport that keeps what it is given, and fails the calls it is told to. */
function fakeTransport() {
  const sent: EventEnvelope[] = [];
  const failures: Error[] = [];
  const transport: EventTransport = {
    target: 'test',
    async publish(event) {
      const failure = failures.shift();
      if (failure) throw failure;
      // Each event as analytics-service would read it: the contract's schema.
      assert.ok(readEvent(event), 'a readable product.activity event');
      sent.push(event);
    },
    async close() {},
  };
  /** Every count sent, summed per product (an event sent twice counts once, as the inbox does). */
  const totals = () => {
    const seen = new Set<string>();
    const sums = new Map<string, { views: number; cart_adds: number }>();
    for (const e of sent) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      for (const item of (e.payload as { items: Items }).items) {
        const sum = sums.get(item.product_id) ?? { views: 0, cart_adds: 0 };
        sum.views += item.views;
        sum.cart_adds += item.cart_adds;
        sums.set(item.product_id, sum);
      }
    }
    return sums;
  };
  return { transport, sent, failures, totals };
}

describe('product activity counter', () => {
  it('sends one event per flush with each product once, its views and cart adds summed, and nothing when idle', async () => {
    const fake = fakeTransport();
    const activity = createProductActivity({ transport: fake.transport, logger: silentLogger, flushSeconds: 3600 });
    const [a, b] = [randomUUID(), randomUUID()];
    for (let i = 0; i < 5; i++) activity.viewed(page(a));
    activity.viewed(page(b));
    activity.addedToCart(a);
    activity.addedToCart(a);
    await activity.flush();
    assert.equal(fake.sent.length, 1);
    const [event] = fake.sent;
    assert.equal(event!.type, 'product.activity');
    assert.equal(event!.source, 'gateway-web');
    const payload = event!.payload as { window_start: string; window_end: string; items: Items };
    assert.ok(payload.window_start <= payload.window_end);
    assert.deepEqual(
      [...payload.items].sort((x, y) => (x.product_id < y.product_id ? -1 : 1)),
      [
        { product_id: a, views: 5, cart_adds: 2, product: named(a) },
        { product_id: b, views: 1, cart_adds: 0, product: named(b) },
      ].sort((x, y) => (x.product_id < y.product_id ? -1 : 1)),
    );
    await activity.flush();
    assert.equal(fake.sent.length, 1, 'nothing counted, nothing sent');
    activity.viewed(page(b));
    await activity.flush();
    assert.deepEqual(
      (fake.sent[1]!.payload as { items: Items }).items,
      [{ product_id: b, views: 1, cart_adds: 0, product: named(b) }],
      'a new window',
    );
    assert.ok((fake.sent[1]!.payload as { window_start: string }).window_start >= payload.window_end, 'windows follow one another');
  });

  it('splits more than 1000 products into events of at most 1000', async () => {
    const fake = fakeTransport();
    const activity = createProductActivity({ transport: fake.transport, logger: silentLogger, flushSeconds: 3600 });
    const ids = Array.from({ length: ACTIVITY_BATCH_MAX * 2 + 5 }, () => randomUUID());
    for (const id of ids) activity.viewed(page(id));
    await activity.flush();
    assert.deepEqual(
      fake.sent.map((e) => (e.payload as { items: Items }).items.length),
      [ACTIVITY_BATCH_MAX, ACTIVITY_BATCH_MAX, 5],
    );
    assert.equal(fake.totals().size, ids.length);
  });

  it('never loses counts when a flush fails once: the batch is sent again, as it was, with the next one', async () => {
    const fake = fakeTransport();
    const activity = createProductActivity({ transport: fake.transport, logger: silentLogger, flushSeconds: 3600 });
    const [a, b] = [randomUUID(), randomUUID()];
    for (let i = 0; i < 3; i++) activity.viewed(page(a));
    activity.addedToCart(b);
    fake.failures.push(new Error('analytics unavailable'));
    await activity.flush();
    assert.equal(fake.sent.length, 0, 'the first flush failed');
    activity.viewed(page(a));
    activity.viewed(page(b));
    await activity.flush();
    assert.equal(fake.sent.length, 2, 'the kept batch first, then the new counts');
    assert.deepEqual(Object.fromEntries(fake.totals()), { [a]: { views: 4, cart_adds: 0 }, [b]: { views: 1, cart_adds: 1 } });
    // A kept batch keeps its id, so one that did arrive (a timeout after delivery) is counted once by the inbox.
    const ids = fake.sent.map((e) => e.id);
    assert.equal(new Set(ids).size, 2);
  });

  it('drops a batch the consumer refuses for good, and keeps sending the rest', async () => {
    const fake = fakeTransport();
    const activity = createProductActivity({ transport: fake.transport, logger: silentLogger, flushSeconds: 3600 });
    const a = randomUUID();
    activity.viewed(page(a));
    fake.failures.push(new OutboxDiscard('refused (422)'));
    await activity.flush();
    activity.viewed(page(a));
    await activity.flush();
    assert.equal(fake.sent.length, 1);
    assert.deepEqual(Object.fromEntries(fake.totals()), { [a]: { views: 1, cart_adds: 0 } });
  });

  it('keeps what it holds bounded while the consumer is away', async () => {
    const fake = fakeTransport();
    const activity = createProductActivity({
      transport: fake.transport,
      logger: silentLogger,
      flushSeconds: 3600,
      maxProducts: 3,
      maxPendingBatches: 2,
    });
    const ids: string[] = Array.from({ length: 5 }, () => randomUUID());
    for (const id of ids) activity.viewed(page(id));
    for (let round = 0; round < 3; round++) {
      fake.failures.push(new Error('down'));
      await activity.flush();
      activity.viewed(page(ids[0]!));
    }
    await activity.flush();
    // Three of the five products fit in the first batch; of the four batches, the two oldest were
    // dropped to keep two, and the two newest (one view of the first product each) were sent.
    assert.equal(fake.sent.length, 2);
    assert.deepEqual(Object.fromEntries(fake.totals()), { [ids[0]!]: { views: 2, cart_adds: 0 } });
  });

  it('flushes on its timer once started, and once more when stopped', async () => {
    const fake = fakeTransport();
    const activity = createProductActivity({ transport: fake.transport, logger: silentLogger, flushSeconds: 0.05 });
    const a = randomUUID();
    activity.start?.();
    activity.viewed(page(a));
    await eventually(async () => fake.sent.length === 1, 'the timer flushes');
    activity.addedToCart(a);
    await activity.stop();
    assert.equal(fake.sent.length, 2, 'stop sends what was counted since');
    assert.deepEqual(Object.fromEntries(fake.totals()), { [a]: { views: 1, cart_adds: 1 } });
  });
});
