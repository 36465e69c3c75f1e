// Small functions the templates call; available in every view through app.locals.

const CURRENCY = '$';

/** "1299.5" or "1299.50" → "$1,299.50", by string work alone (money is never a float). */
export function price(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${CURRENCY}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1,000+ products" when the total is only known to be at least that many. */
export function countOf(n: number, one: string, many: string, lowerBound = false): string {
  return `${count(n)}${lowerBound ? '+' : ''} ${n === 1 && !lowerBound ? one : many}`;
}

const PLACEHOLDER = '/static/img/placeholder.svg';

/** An image for a listing: the catalog's small rendition of its own images, anything else as it is. */
export function thumb(url: string | null | undefined): string {
  if (!url) return PLACEHOLDER;
  return url.startsWith('/images/') && !url.includes('?') ? `${url}?size=thumb` : url;
}

/** An image at full size, or the placeholder. */
export function imageSrc(url: string | null | undefined): string {
  return url || PLACEHOLDER;
}

/** 1536 → "1.5 KB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A link to the current listing with some parameters changed (page reset unless given). */
export function withQuery(path: string, current: Record<string, unknown>, changes: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...current, page: undefined, ...changes };
  for (const [k, v] of Object.entries(merged)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Page numbers to show around the current one, with gaps as null: 1 … 4 5 [6] 7 8 … 20 */
export function pageWindow(current: number, last: number): (number | null)[] {
  const pages = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push(null);
    out.push(p);
  });
  return out;
}

/** How much stock to say there is, as a shopper would want to read it. */
export function stockLabel(stock: number): { text: string; tone: 'success' | 'warning' | 'secondary' } {
  if (stock <= 0) return { text: 'Out of stock', tone: 'secondary' };
  if (stock < 5) return { text: `Only ${stock} left`, tone: 'warning' };
  return { text: 'In stock', tone: 'success' };
}

const STATUS: Record<string, { text: string; tone: string }> = {
  pending: { text: 'Awaiting payment', tone: 'warning' },
  paid: { text: 'Paid', tone: 'info' },
  processing: { text: 'Processing', tone: 'primary' },
  shipped: { text: 'Shipped', tone: 'primary' },
  delivered: { text: 'Delivered', tone: 'success' },
  cancelled: { text: 'Cancelled', tone: 'secondary' },
};

/** An order status as a shopper reads it, and the badge colour for it. */
export function orderStatus(status: string): { text: string; tone: string } {
  return STATUS[status] ?? { text: status, tone: 'secondary' };
}

/** "24 Nov 2026, 19:54" in the shop's own zone (UTC here: the demo has one). */
export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
}

export function shortId(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

export const viewHelpers = {
  price,
  count,
  countOf,
  thumb,
  imageSrc,
  bytes,
  withQuery,
  pageWindow,
  stockLabel,
  orderStatus,
  dateTime,
  shortId,
};
