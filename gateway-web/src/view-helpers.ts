// Small functions the templates call; available in every view through app.locals.
import { escapeHtml } from '@dm/common/html';
import type { OrderStatus } from '@dm/contracts/limits';

// One formatter for the whole process: building one is far slower than using it.
const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/**
 * "1299.5" → "$1,299.50". The decimal string goes to Intl as it is: given a string, Intl reads it
 * as an exact decimal (ES2023), so no amount ever passes through a float, however large.
 */
export function price(amount: string): string {
  return MONEY.format(amount as Intl.StringNumericLiteral);
}

const COUNT = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  return COUNT.format(Math.trunc(n));
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

const STATUS: Record<OrderStatus, { text: string; tone: string }> = {
  pending: { text: 'Awaiting payment', tone: 'warning' },
  paid: { text: 'Paid', tone: 'info' },
  processing: { text: 'Processing', tone: 'primary' },
  shipped: { text: 'Shipped', tone: 'primary' },
  delivered: { text: 'Delivered', tone: 'success' },
  cancelled: { text: 'Cancelled', tone: 'secondary' },
};

/** An order status as a shopper reads it, and the badge colour for it. */
export function orderStatus(status: string): { text: string; tone: string } {
  return STATUS[status as OrderStatus] ?? { text: status, tone: 'secondary' };
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

/** "4.3" → 86: how much of five stars a rating fills (the width of the stars' filled part, in %). */
export function starsPercent(rating: string | number): number {
  return Math.min(100, Math.max(0, Math.round(Number(rating) * 20)));
}

/** What a screen reader says for a row of stars: "Rated 4.3 out of 5". */
export function ratingLabel(rating: string | number): string {
  return `Rated ${rating} out of 5`;
}

/** "30 Nov 2026": the day a review was written. */
export function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function shortId(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"']+)/;

/** Plain text as HTML, every http(s) address in it a link: the development mailbox's messages. */
export function linkify(text: string): string {
  return text
    .split(URL_IN_TEXT)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}" rel="noreferrer">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

export const viewHelpers = {
  linkify,
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
  day,
  starsPercent,
  ratingLabel,
  shortId,
};
