// The sales ledger: what each item of a paid order earned, split between its vendor and the
// platform, and what the platform paid out. Entries are only ever added; a balance is a sum.
import { formatMoney, parseMoney } from '@dm/common/money';
import { type Page, pageOf } from '@dm/common/pagination';
import type { LedgerEntry, VendorBalance, VendorPayoutAccount } from '@dm/contracts/vendor-orders';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database, LedgerRow } from './db.js';
import { splitSale } from './order-rules.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A sum of a NUMERIC(12,2) column in whole cents, exactly (bigint comes back as text). */
const cents = (expression: RawBuilder<unknown>) => sql<string>`coalesce(round(${expression} * 100), 0)::bigint`;
const toCents = (text: string | number | bigint | null) => Number(text ?? 0);

/**
 * An entry counts towards what may be paid out unless it is the sale of an order that is only
 * paid: that one can still be cancelled, and its money given back to the buyer.
 */
const SETTLED = sql`(l.kind = 'payout' OR o.status IS DISTINCT FROM 'paid')`;

export function ledgerRowToEntry(row: LedgerRow & { product_name: string | null; quantity: number | null }): LedgerEntry {
  return {
    id: String(row.id),
    kind: row.kind,
    order_id: row.order_id,
    product_id: row.product_id,
    product_name: row.product_name,
    quantity: row.quantity,
    gross: row.gross,
    commission: row.commission,
    net: row.net,
    note: row.note,
    created_at: row.created_at.toISOString(),
  };
}

interface AccountSums {
  vendor_id: string;
  vendor_name: string | null;
  balance: string;
  available: string;
  sales_net: string;
  commission: string;
  paid_out: string;
  last_payout_at: Date | null;
}

function accountOf(row: AccountSums): VendorPayoutAccount {
  return {
    vendor_id: row.vendor_id,
    vendor_name: row.vendor_name,
    balance: formatMoney(toCents(row.balance)),
    available: formatMoney(toCents(row.available)),
    sales_net: formatMoney(toCents(row.sales_net)),
    commission: formatMoney(toCents(row.commission)),
    paid_out: formatMoney(toCents(row.paid_out)),
    last_payout_at: row.last_payout_at ? row.last_payout_at.toISOString() : null,
  };
}

/** Each vendor's sums, in one pass over their entries; `where` picks the vendors. */
function accountsQuery(where: RawBuilder<unknown>) {
  return sql<AccountSums>`
    SELECT l.vendor_id,
      (SELECT i.vendor_name FROM order_items i JOIN orders io ON io.id = i.order_id
        WHERE i.vendor_id = l.vendor_id ORDER BY io.created_at DESC LIMIT 1) AS vendor_name,
      ${cents(sql`sum(l.net)`)} AS balance,
      ${cents(sql`sum(l.net) FILTER (WHERE ${SETTLED})`)} AS available,
      ${cents(sql`sum(l.net) FILTER (WHERE l.kind <> 'payout')`)} AS sales_net,
      ${cents(sql`sum(l.commission)`)} AS commission,
      ${cents(sql`-sum(l.net) FILTER (WHERE l.kind = 'payout')`)} AS paid_out,
      max(l.created_at) FILTER (WHERE l.kind = 'payout') AS last_payout_at
    FROM sales_ledger l LEFT JOIN orders o ON o.id = l.order_id
    WHERE l.vendor_id IS NOT NULL AND ${where}
    GROUP BY l.vendor_id`;
}

export const ledger = Object.freeze({
  /**
   * The sales of an order just paid, one per item, in the transaction that makes it paid. A
   * vendor's item pays the commission at today's rate; the house's own item is all the platform's.
   * Told twice, it enters nothing more.
   */
  async recordSales(trx: Transaction<Database>, orderId: string, commissionRatePpm: number, actor: string): Promise<void> {
    const items = await trx
      .selectFrom('order_items')
      .select(['product_id', 'vendor_id', 'line_total'])
      .where('order_id', '=', orderId)
      .execute();
    if (items.length === 0) return;
    const entries = items.map((item) => {
      const rate = item.vendor_id ? commissionRatePpm : 0;
      const split = splitSale(parseMoney(item.line_total)!, rate);
      return {
        vendor_id: item.vendor_id,
        kind: 'sale' as const,
        order_id: orderId,
        product_id: item.product_id,
        gross: formatMoney(split.gross),
        commission: formatMoney(split.commission),
        net: formatMoney(split.net),
        commission_rate_ppm: rate,
        actor,
      };
    });
    await trx
      .insertInto('sales_ledger')
      .values(entries)
      .onConflict((oc) => oc.columns(['order_id', 'product_id', 'kind']).where('kind', '<>', 'payout').doNothing())
      .execute();
  },

  /**
   * A paid order cancelled (and refunded): each of its sales, exactly reversed, in the transaction
   * of the cancellation. The amounts are the sale's own, not recomputed, so a change of rate
   * since cannot leave a cent behind. Told twice, it enters nothing more.
   */
  async reverseSales(trx: Transaction<Database>, orderId: string, actor: string, reason: string): Promise<void> {
    await sql`
      INSERT INTO sales_ledger (vendor_id, kind, order_id, product_id, gross, commission, net, commission_rate_ppm, actor, note)
      SELECT vendor_id, 'reversal', order_id, product_id, -gross, -commission, -net, commission_rate_ppm, ${actor}, ${reason}
      FROM sales_ledger WHERE order_id = ${orderId} AND kind = 'sale'
      ON CONFLICT (order_id, product_id, kind) WHERE kind <> 'payout' DO NOTHING`.execute(trx);
  },

  /** A vendor's entries, newest first, each with its item's name and quantity. */
  async entriesOf(db: Db, vendorId: string, page: number, pageSize: number): Promise<Page<LedgerEntry>> {
    const [rows, count] = await Promise.all([
      db
        .selectFrom('sales_ledger as l')
        .leftJoin('order_items as i', (join) => join.onRef('i.order_id', '=', 'l.order_id').onRef('i.product_id', '=', 'l.product_id'))
        .selectAll('l')
        .select(['i.name as product_name', 'i.quantity'])
        .where('l.vendor_id', '=', vendorId)
        .orderBy('l.created_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      db
        .selectFrom('sales_ledger')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('vendor_id', '=', vendorId)
        .executeTakeFirstOrThrow(),
    ]);
    return pageOf(rows.map(ledgerRowToEntry), Number(count.n), page, pageSize);
  },

  async balanceOf(db: Db, vendorId: string): Promise<VendorBalance> {
    return (await ledger.accountOf(db, vendorId)) ?? { balance: '0.00', available: '0.00' };
  },

  /** A vendor's account, or nothing when they have no entries yet. */
  async accountOf(db: Db, vendorId: string): Promise<VendorPayoutAccount | undefined> {
    const { rows } = await accountsQuery(sql`l.vendor_id = ${vendorId}`).execute(db);
    return rows[0] && accountOf(rows[0]);
  },

  /** Every vendor with entries, the most that can be paid out first. */
  async accounts(db: Db, page: number, pageSize: number): Promise<Page<VendorPayoutAccount>> {
    const [{ rows }, count] = await Promise.all([
      sql<AccountSums>`SELECT * FROM (${accountsQuery(sql`true`)}) a
        ORDER BY a.available::bigint DESC, a.balance::bigint DESC, a.vendor_id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
      db
        .selectFrom('sales_ledger')
        .select(sql<string>`count(DISTINCT vendor_id)`.as('n'))
        .where('vendor_id', 'is not', null)
        .executeTakeFirstOrThrow(),
    ]);
    return pageOf(rows.map(accountOf), Number(count.n), page, pageSize);
  },

  /** The platform's takings and debts, over every entry. */
  async platformTotals(db: Db): Promise<{ commission_total: string; house_sales: string; balance_total: string }> {
    const { rows } = await sql<{ commission_total: string; house_sales: string; balance_total: string }>`
      SELECT ${cents(sql`sum(commission)`)} AS commission_total,
        ${cents(sql`sum(net) FILTER (WHERE vendor_id IS NULL)`)} AS house_sales,
        ${cents(sql`sum(net) FILTER (WHERE vendor_id IS NOT NULL)`)} AS balance_total
      FROM sales_ledger`.execute(db);
    const row = rows[0]!;
    return {
      commission_total: formatMoney(toCents(row.commission_total)),
      house_sales: formatMoney(toCents(row.house_sales)),
      balance_total: formatMoney(toCents(row.balance_total)),
    };
  },

  /** Payouts of one vendor wait for each other, so two cannot both spend the same balance. */
  async lockVendor(trx: Transaction<Database>, vendorId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payout:${vendorId}`}, 0))`.execute(trx);
  },

  async insertPayout(trx: Transaction<Database>, vendorId: string, amountCents: number, actor: string, note: string): Promise<LedgerEntry> {
    const row = await trx
      .insertInto('sales_ledger')
      .values({
        vendor_id: vendorId,
        kind: 'payout',
        gross: formatMoney(-amountCents),
        commission: '0.00',
        net: formatMoney(-amountCents),
        actor,
        note,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return ledgerRowToEntry({ ...row, product_name: null, quantity: null });
  },
});
