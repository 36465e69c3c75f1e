// After the checkout scenarios: the admin dashboard's figures, which analytics-service makes from
// the domain events alone, must equal a recount of order-service's own rows (issue 12).
import { createDb } from '@dm/common/db';
import { createServiceClient } from '@dm/common/http-client';
import { serviceTokens } from '@dm/common/jwt';
import { parseMoney } from '@dm/common/money';
import type { Dashboard } from '@dm/contracts/analytics';
import { sql } from 'kysely';
import type { BenchShop } from './shop.js';

export interface DashboardCheck {
  ok: boolean;
  orders: { dashboard: number; recount: number };
  revenueCents: { dashboard: number; recount: number };
  waitedMs: number;
}

/** Waits (up to a minute) for the events to arrive, then compares the two. */
export async function verifyDashboard(shop: BenchShop): Promise<DashboardCheck> {
  const url = shop.stack.services.find((s) => s.spec.name === 'analytics')?.url;
  if (!url) throw new Error('the bench stack has no analytics-service');
  const analytics = createServiceClient('analytics', url);
  const token = serviceTokens(shop.jwt, 'gateway-web');
  const db = createDb(shop.stack.databaseUrl('orders'), { max: 1 });
  const started = Date.now();
  try {
    // Today and yesterday (UTC): a bench run that crosses midnight still counts whole.
    const { rows } = await sql<{ orders: string; paid_cents: string }>`
      SELECT count(*) AS orders, coalesce(sum(total * 100) FILTER (WHERE paid_at IS NOT NULL), 0)::bigint AS paid_cents
      FROM orders WHERE status <> 'reserving' AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') - interval '1 day'`.execute(db);
    const recount = { orders: Number(rows[0]?.orders), revenueCents: Number(rows[0]?.paid_cents) };
    let seen = { orders: -1, revenueCents: -1 };
    while (Date.now() - started < 60_000) {
      const dashboard = await analytics.call<Dashboard>('GET', '/internal/dashboard', { query: { days: 2 }, token: token() });
      seen = { orders: dashboard.totals.orders, revenueCents: parseMoney(dashboard.totals.revenue) ?? Number.NaN };
      if (seen.orders === recount.orders && seen.revenueCents === recount.revenueCents) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return {
      ok: seen.orders === recount.orders && seen.revenueCents === recount.revenueCents,
      orders: { dashboard: seen.orders, recount: recount.orders },
      revenueCents: { dashboard: seen.revenueCents, recount: recount.revenueCents },
      waitedMs: Date.now() - started,
    };
  } finally {
    await db.destroy();
  }
}
