// The consumer through real HTTP: a month of a shop's events, each posted twice and all shuffled
// (order.paid before order.placed, restocked before low, …), gives the figures a direct recount of
// the same events gives.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newEvent } from '@dm/common/events';
import { seededRandom } from '@dm/common/seeded-random';
import type { EventEnvelope } from '@dm/contracts/events';
import { makeScenario } from './scenario.js';
import { type AnalyticsStack, startAnalytics } from './test-support.js';

const SEED = Number(process.env.ANALYTICS_TEST_SEED ?? 20261201);

function shuffled<T>(list: T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Posts every event, `parallel` at a time; answers how many came back as each outcome. */
async function postAll(stack: AnalyticsStack, events: EventEnvelope[], parallel = 4): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < events.length) {
        const outcome = await stack.post(events[next++]!);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }),
  );
  return outcomes;
}

describe('analytics figures from events', () => {
  let stack: AnalyticsStack;
  before(async () => {
    stack = await startAnalytics('figures');
  });
  after(() => stack.close());

  it(`counts a month of events posted twice each, in shuffled order, as a direct recount does (seed ${SEED})`, async () => {
    const scenario = makeScenario(SEED);
    const random = seededRandom(SEED);
    const deliveries = shuffled([...scenario.events, ...scenario.events], random);
    // The shuffle really does bring some payments before their order.
    const firstSeen = new Map<string, string>();
    for (const e of deliveries) {
      const orderId = (e.payload as { order_id?: string }).order_id;
      if (orderId && !firstSeen.has(orderId)) firstSeen.set(orderId, e.type);
    }
    assert.ok(
      [...firstSeen.values()].some((t) => t !== 'order.placed'),
      'some order is first heard of by a later event',
    );

    const outcomes = await postAll(stack, deliveries);
    assert.deepEqual(outcomes, { handled: scenario.events.length, duplicate: scenario.events.length });

    const res = await stack.dashboard(30);
    assert.equal(res.status, 200, res.text);
    const { generated_at, days, from, to, ...figures } = res.body;
    assert.equal(days, 30);
    assert.equal(figures.daily.length, 30);
    assert.ok(Date.parse(generated_at) > 0);
    const expected = scenario.expected(from, to);
    assert.deepEqual(figures.daily, expected.daily, 'orders and revenue per day');
    assert.deepEqual(figures.totals, expected.totals);
    assert.deepEqual(figures.status_counts, expected.status_counts);
    assert.deepEqual(figures.top_by_revenue, expected.top_by_revenue);
    assert.deepEqual(figures.top_by_views, expected.top_by_views);
    assert.deepEqual(figures.low_stock, expected.low_stock);
    assert.deepEqual(figures.revenue_by_vendor, expected.revenue_by_vendor);
    assert.deepEqual(figures.conversion, expected.conversion);
    // The scenario is rich enough that each figure means something.
    assert.ok(expected.daily.some((d) => d.revenue.startsWith('-')) || expected.daily.filter((d) => d.revenue !== '0.00').length > 5);
    assert.ok(expected.top_by_revenue.length >= 5 && expected.top_by_views.length >= 5 && expected.low_stock.length === 4);
    assert.ok(expected.revenue_by_vendor.some((v) => v.vendor_id === null) && expected.revenue_by_vendor.length === 3);

    // Delivered once more, in another order, nothing changes.
    const again = await postAll(stack, shuffled(scenario.events, random));
    assert.deepEqual(again, { duplicate: scenario.events.length });
    const unchanged = await stack.dashboard(30);
    assert.deepEqual({ ...unchanged.body, generated_at }, { ...res.body });
  });

  it('sums product activity batches per product and day: a batch posted twice counts once, an old one falls out of the window', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const today = new Date();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString();
    const batch = (at: string, items: { product_id: string; views: number; cart_adds: number }[]) =>
      newEvent('gateway-web', 'product.activity', { window_start: at, window_end: at, items });
    const twice = batch(daysAgo(1), [
      { product_id: a, views: 5, cart_adds: 1 },
      { product_id: b, views: 2, cart_adds: 0 },
    ]);
    const batches = [
      twice,
      twice,
      // The same product twice in one batch (two gateway workers' counts merged) adds up.
      batch(daysAgo(3), [
        { product_id: a, views: 7, cart_adds: 2 },
        { product_id: a, views: 1, cart_adds: 0 },
        { product_id: c, views: 0, cart_adds: 4 },
      ]),
      batch(daysAgo(10), [{ product_id: b, views: 100, cart_adds: 9 }]),
      batch(daysAgo(45), [{ product_id: c, views: 1000, cart_adds: 50 }]),
    ];
    const fresh = await startAnalytics('activity');
    try {
      for (const e of batches) await fresh.post(e);
      const week = (await fresh.dashboard(7)).body;
      assert.deepEqual(
        week.top_by_views.map((p: { product_id: string; views: number; cart_adds: number }) => [p.product_id, p.views, p.cart_adds]),
        [
          [a, 13, 3],
          [b, 2, 0],
        ],
        'a product only added to carts has no views to rank by',
      );
      const month = (await fresh.dashboard(30)).body;
      assert.deepEqual(
        month.top_by_views.map((p: { product_id: string; views: number }) => [p.product_id, p.views]),
        [
          [b, 102],
          [a, 13],
        ],
      );
      const funnel = month.conversion.find((p: { product_id: string }) => p.product_id === a);
      assert.deepEqual(
        {
          views: funnel.views,
          cart_adds: funnel.cart_adds,
          orders: funnel.orders,
          view_to_cart: funnel.view_to_cart,
          cart_to_order: funnel.cart_to_order,
        },
        { views: 13, cart_adds: 3, orders: 0, view_to_cart: 0.2308, cart_to_order: 0 },
      );
    } finally {
      await fresh.close();
    }
  });
});
