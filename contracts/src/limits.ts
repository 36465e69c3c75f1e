// Limits that more than one place enforces or shows (a service refuses, a page caps its inputs and
// says why): defined once here so the two can never disagree.

/** The most of one product a cart line may hold (cart-service's default CART_MAX_QUANTITY). */
export const CART_MAX_QUANTITY = 99;
/** The most lines a cart may hold (cart-service's default CART_MAX_LINES). */
export const CART_MAX_LINES = 50;

/** Page sizes a shopper can choose on the listing; the API accepts any size up to PAGE_SIZE_MAX. */
export const LISTING_PAGE_SIZES = [24, 48, 96] as const;
export const PAGE_SIZE_MAX = 100;

/** An Idempotency-Key: 1-200 printable ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
export const IDEMPOTENCY_KEY_RULE = 'the Idempotency-Key header must be 1-200 printable ASCII characters';

/** Every state an order can be in, in the order a happy order passes through them. */
export const ORDER_STATUSES = ['pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Lists answer this many items a page unless asked for another page_size. */
export const PAGE_SIZE_DEFAULT = 20;
