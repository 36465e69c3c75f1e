// A shop's month for the tests: products, orders that are placed, paid, moved on, cancelled and
// refunded, page views and cart adds, and stock alerts, each as the events its producer sends (with
// the times it happened), and the figures the dashboard must show for it, counted here directly
// from the scenario's own records (never from the service's tables or queries).
import { randomUUID } from 'node:crypto';
import { formatMoney } from '@dm/common/money';
import { seededRandom } from '@dm/common/seeded-random';
import type { Dashboard } from '@dm/contracts/analytics';
import type { EventEnvelope, EventPayload, EventType } from '@dm/contracts/events';
import { ORDER_STATUSES, type OrderStatus } from '@dm/contracts/limits';

const DAY = 86_400_000;

export interface ScenarioProduct {
  product_id: string;
  sku: string;
  name: string;
  vendor_id: string | null;
  vendor_name: string | null;
  unit_cents: number;
}

interface ScenarioOrder {
  order_id: string;
  user_id: string;
  lines: { product: ScenarioProduct; quantity: number }[];
  total_cents: number;
  placed_at: Date;
  paid_at: Date | null;
  refunded_at: Date | null;
  status: OrderStatus;
}

interface Activity {
  at: Date;
  items: { product_id: string; views: number; cart_adds: number }[];
}

interface StockAlert {
  product: ScenarioProduct;
  low: boolean;
  stock: number;
  at: Date;
}

export interface Scenario {
  products: ScenarioProduct[];
  events: EventEnvelope[];
  /** The figures the dashboard must show for the window [from, to] (UTC days). */
  expected(from: string, to: string): Omit<Dashboard, 'generated_at' | 'days' | 'from' | 'to'>;
}

function envelope<T extends EventType>(source: string, type: T, at: Date, payload: EventPayload<T>): EventEnvelope {
  return { id: randomUUID(), type, version: 1, occurred_at: at.toISOString(), source, payload };
}

/** The same seed gives the same shop (ids aside). Times fall in the last `days` days before `now`. */
export function makeScenario(seed: number, now = new Date()): Scenario {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  /** A moment `daysAgo` days before today, at a random hour of that day. */
  const dayAgo = (daysAgo: number) => new Date(today - daysAgo * DAY + between(0, 23) * 3_600_000 + between(0, 3599) * 1000);

  const vendors = [
    { id: randomUUID(), name: 'Acme Tools' },
    // A shop's name is typed by its owner: the CSV must not let it become a formula.
    { id: randomUUID(), name: '@Evil Shop' },
    { id: null, name: null },
  ];
  const products: ScenarioProduct[] = Array.from({ length: 14 }, (_, i) => {
    const vendor = vendors[i % vendors.length]!;
    return {
      product_id: randomUUID(),
      sku: `AN-${i}`,
      name: i === 0 ? '=HYPERLINK("http://evil.example","click")' : `Product ${i}`,
      vendor_id: vendor.id,
      vendor_name: vendor.name,
      unit_cents: between(150, 9_000),
    };
  });
  const users = Array.from({ length: 5 }, () => ({ id: randomUUID(), email: `an-${randomUUID().slice(0, 6)}@example.com` }));

  const events: EventEnvelope[] = [];
  const orders: ScenarioOrder[] = [];

  for (let n = 0; n < 45; n++) {
    const user = pick(users);
    const customer = { user_id: user.id, customer_email: user.email, customer_name: 'An Shopper' };
    const chosen = [...new Set(Array.from({ length: between(1, 3) }, () => pick(products)))];
    const lines = chosen.map((product) => ({ product, quantity: between(1, 4) }));
    const subtotal = lines.reduce((s, l) => s + l.product.unit_cents * l.quantity, 0);
    const tax = Math.round(subtotal * 0.05);
    const shipping = subtotal >= 5000 ? 0 : 499;
    const total = subtotal + tax + shipping;
    const fate = pick(['pending', 'paid', 'paid', 'delivered', 'cancelled', 'refunded', 'refunded'] as const);
    // A few orders are older than the window: they count in the statuses, not in the series. An
    // order that moves on does so within days, so it is placed long enough ago to stay in the past.
    const old = n % 15 === 14;
    const placedAt = dayAgo(old ? between(40, 60) : fate === 'pending' ? between(0, 27) : between(8, 27));
    const order: ScenarioOrder = {
      order_id: randomUUID(),
      user_id: user.id,
      lines,
      total_cents: total,
      placed_at: placedAt,
      paid_at: null,
      refunded_at: null,
      status: 'pending',
    };
    orders.push(order);
    const money = formatMoney;
    const id = order.order_id;
    events.push(
      envelope('order-service', 'order.placed', placedAt, {
        order_id: id,
        ...customer,
        items: lines.map((l) => ({
          product_id: l.product.product_id,
          sku: l.product.sku,
          name: l.product.name,
          quantity: l.quantity,
          unit_price: money(l.product.unit_cents),
          line_total: money(l.product.unit_cents * l.quantity),
          vendor_id: l.product.vendor_id,
          vendor_name: l.product.vendor_name,
        })),
        subtotal: money(subtotal),
        tax: money(tax),
        shipping_cost: money(shipping),
        total: money(total),
        placed_at: placedAt.toISOString(),
      }),
    );
    let at = placedAt;
    const later = (maxHours: number) => {
      at = new Date(at.getTime() + between(1, maxHours * 60) * 60_000);
      return at;
    };
    const move = (to: OrderStatus) => {
      const changed = later(30);
      events.push(
        envelope('order-service', 'order.status_changed', changed, {
          order_id: id,
          ...customer,
          from_status: order.status,
          to_status: to,
          tracking_numbers: to === 'shipped' ? ['TRACK-1'] : [],
          changed_at: changed.toISOString(),
        }),
      );
      order.status = to;
      return changed;
    };
    if (fate === 'cancelled') {
      const cancelledAt = move('cancelled');
      events.push(
        envelope('order-service', 'order.cancelled', cancelledAt, {
          order_id: id,
          ...customer,
          total: money(total),
          refunded: false,
          reason: 'changed my mind',
          cancelled_at: cancelledAt.toISOString(),
        }),
      );
    }
    if (fate === 'paid' || fate === 'delivered' || fate === 'refunded') {
      const paidAt = move('paid');
      order.paid_at = paidAt;
      const paymentId = randomUUID();
      events.push(
        envelope('order-service', 'order.paid', paidAt, {
          order_id: id,
          ...customer,
          payment_id: paymentId,
          total: money(total),
          paid_at: paidAt.toISOString(),
        }),
      );
      if (fate === 'delivered') for (const step of ['processing', 'shipped', 'delivered'] as const) move(step);
      if (fate === 'refunded') {
        // An old order refunded within the window takes its money off a recent day.
        if (old) at = dayAgo(between(2, 10));
        const cancelledAt = move('cancelled');
        order.refunded_at = cancelledAt;
        events.push(
          envelope('order-service', 'order.cancelled', cancelledAt, {
            order_id: id,
            ...customer,
            total: money(total),
            refunded: true,
            reason: null,
            cancelled_at: cancelledAt.toISOString(),
          }),
          envelope('payment-service', 'payment.refunded', cancelledAt, {
            payment_id: paymentId,
            order_id: id,
            user_id: user.id,
            amount: money(total),
            reason: null,
          }),
        );
      }
    }
  }

  // The gateway's batches: a product can come in several, and one batch is older than the window.
  const activity: Activity[] = Array.from({ length: 8 }, (_, b) => {
    const at = dayAgo(b === 7 ? 45 : between(0, 27));
    const items = [...new Set(Array.from({ length: between(2, 9) }, () => pick(products)))].map((p) => ({
      product_id: p.product_id,
      views: between(0, 40),
      cart_adds: between(0, 6),
    }));
    return { at, items };
  });
  for (const batch of activity) {
    const end = new Date(batch.at.getTime() + 5000);
    events.push(
      envelope('gateway-web', 'product.activity', end, {
        window_start: batch.at.toISOString(),
        window_end: end.toISOString(),
        items: batch.items,
      }),
    );
  }

  // Stock alerts: restocked after low (not low), low alone, low after restocked, low twice (the later stock).
  const t1 = dayAgo(6);
  const t2 = dayAgo(3);
  const alerts: StockAlert[] = [
    { product: products[1]!, low: true, stock: 3, at: t1 },
    { product: products[1]!, low: false, stock: 20, at: t2 },
    { product: products[2]!, low: true, stock: 2, at: t1 },
    { product: products[3]!, low: false, stock: 9, at: t1 },
    { product: products[3]!, low: true, stock: 1, at: t2 },
    { product: products[4]!, low: true, stock: 4, at: t1 },
    { product: products[4]!, low: true, stock: 0, at: t2 },
    { product: products[0]!, low: true, stock: 3, at: t2 },
  ];
  for (const alert of alerts) {
    const p = alert.product;
    events.push(
      envelope('catalog-service', alert.low ? 'product.stock_low' : 'product.restocked', alert.at, {
        product_id: p.product_id,
        sku: p.sku,
        name: p.name,
        stock: alert.stock,
        vendor_id: p.vendor_id,
      }),
    );
  }

  return {
    products,
    events,
    expected(from, to) {
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`) + DAY;
      const inWindow = (d: Date | null) => d !== null && d.getTime() >= start && d.getTime() < end;
      const dayOf = (d: Date) => d.toISOString().slice(0, 10);
      const byId = (a: { product_id: string }, b: { product_id: string }) => (a.product_id < b.product_id ? -1 : 1);

      const days: string[] = [];
      for (let t = start; t < end; t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
      const daily = days.map((day) => {
        const placed = orders.filter((o) => dayOf(o.placed_at) === day).length;
        const paid = orders.filter((o) => o.paid_at && dayOf(o.paid_at) === day).reduce((s, o) => s + o.total_cents, 0);
        const refunded = orders.filter((o) => o.refunded_at && dayOf(o.refunded_at) === day).reduce((s, o) => s + o.total_cents, 0);
        return { day, orders: placed, cents: paid - refunded };
      });

      const sold = orders.filter((o) => inWindow(o.paid_at) && o.refunded_at === null);
      const revenue = new Map<string, { cents: number; units: number }>();
      const vendorRevenue = new Map<string | null, { name: string | null; cents: number; orders: Set<string> }>();
      for (const o of sold) {
        for (const l of o.lines) {
          const r = revenue.get(l.product.product_id) ?? { cents: 0, units: 0 };
          r.cents += l.product.unit_cents * l.quantity;
          r.units += l.quantity;
          revenue.set(l.product.product_id, r);
          const v = vendorRevenue.get(l.product.vendor_id) ?? { name: l.product.vendor_name, cents: 0, orders: new Set() };
          v.cents += l.product.unit_cents * l.quantity;
          v.orders.add(o.order_id);
          vendorRevenue.set(l.product.vendor_id, v);
        }
      }
      // A product is named by the events that carry its name (an order's items, a stock alert);
      // one only viewed is known by its id alone.
      const named = new Set([
        ...orders.flatMap((o) => o.lines.map((l) => l.product.product_id)),
        ...alerts.map((a) => a.product.product_id),
      ]);
      const name = (id: string) => {
        const p = products.find((x) => x.product_id === id)!;
        return named.has(id) ? { product_id: id, name: p.name, sku: p.sku } : { product_id: id, name: null, sku: null };
      };
      const topRevenue = [...revenue]
        .map(([product_id, r]) => ({ product_id, ...r }))
        .sort((a, b) => b.cents - a.cents || byId(a, b))
        .slice(0, 10);

      const views = new Map<string, { views: number; cart_adds: number }>();
      for (const batch of activity.filter((b) => inWindow(b.at))) {
        for (const item of batch.items) {
          const v = views.get(item.product_id) ?? { views: 0, cart_adds: 0 };
          v.views += item.views;
          v.cart_adds += item.cart_adds;
          views.set(item.product_id, v);
        }
      }
      const topViews = [...views]
        .map(([product_id, v]) => ({ product_id, ...v }))
        .filter((v) => v.views > 0)
        .sort((a, b) => b.views - a.views || byId(a, b))
        .slice(0, 10);

      const latestAlert = new Map<string, StockAlert>();
      for (const alert of alerts) {
        const seen = latestAlert.get(alert.product.product_id);
        if (!seen || alert.at > seen.at) latestAlert.set(alert.product.product_id, alert);
      }
      const low = [...latestAlert.values()]
        .filter((a) => a.low)
        .sort((a, b) => a.stock - b.stock || (a.product.name < b.product.name ? -1 : 1))
        .map((a) => ({
          ...name(a.product.product_id),
          stock: a.stock,
          vendor_id: a.product.vendor_id,
          since: a.at.toISOString(),
        }));

      const ids = [...new Set([...topRevenue.map((p) => p.product_id), ...topViews.map((p) => p.product_id)])];
      const placedInWindow = orders.filter((o) => inWindow(o.placed_at));
      const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
      const conversion = ids.map((id) => {
        const v = views.get(id) ?? { views: 0, cart_adds: 0 };
        const withIt = placedInWindow.filter((o) => o.lines.some((l) => l.product.product_id === id));
        const units = withIt.reduce(
          (s, o) => s + o.lines.filter((l) => l.product.product_id === id).reduce((u, l) => u + l.quantity, 0),
          0,
        );
        return {
          ...name(id),
          views: v.views,
          cart_adds: v.cart_adds,
          orders: withIt.length,
          units,
          view_to_cart: rate(v.cart_adds, v.views),
          cart_to_order: rate(withIt.length, v.cart_adds),
        };
      });

      return {
        daily: daily.map((d) => ({ day: d.day, orders: d.orders, revenue: formatMoney(d.cents) })),
        totals: {
          orders: daily.reduce((s, d) => s + d.orders, 0),
          revenue: formatMoney(daily.reduce((s, d) => s + d.cents, 0)),
        },
        status_counts: ORDER_STATUSES.map((status) => ({ status, orders: orders.filter((o) => o.status === status).length })),
        top_by_revenue: topRevenue.map((p) => ({ ...name(p.product_id), revenue: formatMoney(p.cents), units: p.units })),
        top_by_views: topViews.map((p) => ({ ...name(p.product_id), views: p.views, cart_adds: p.cart_adds })),
        low_stock: low,
        revenue_by_vendor: [...vendorRevenue]
          .map(([vendor_id, v]) => ({
            vendor_id,
            vendor_name: v.name,
            revenue: formatMoney(v.cents),
            orders: v.orders.size,
            cents: v.cents,
          }))
          // PostgreSQL sorts the house (a null vendor) after the shops on a tie.
          .sort((a, b) => b.cents - a.cents || ((a.vendor_id ?? 'g') < (b.vendor_id ?? 'g') ? -1 : 1))
          .map(({ cents: _, ...v }) => v),
        conversion,
      };
    },
  };
}
