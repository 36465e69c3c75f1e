// Orders: checkout, the order as the API shows it, and the admin's status changes.
import { z } from 'zod';
import { blankIsMissing, Money, pageOf, pageQuery, Timestamp, Uuid } from './common.js';
import { ORDER_STATUSES } from './limits.js';

const text = (max: number, message = 'is required') => z.string().trim().min(1, message).max(max, `must be at most ${max} characters`);

const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();

/**
 * Where an order goes, as the shop's form sends it (`line1`, `line2`) or as other shops' clients
 * do (`address_line1`, `address_line2`); `state` is optional, as not every country has one. It
 * becomes one shape, `{full_name, line1, line2, city, state, postal_code, country, phone}`.
 */
export const ShippingAddressInput = z
  .object({
    full_name: text(100),
    line1: text(200).optional(),
    address_line1: text(200).optional(),
    line2: optionalText(200),
    address_line2: optionalText(200),
    city: text(100),
    state: optionalText(100),
    postal_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/, 'must be a postal code such as 10115 or SW1A 1AA'),
    country: text(56),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'must be a phone number such as +1 555 123 4567'),
  })
  .refine((a) => a.line1 !== undefined || a.address_line1 !== undefined, { path: ['line1'], message: 'is required' })
  .transform(({ line1, address_line1, line2, address_line2, state, ...rest }) => ({
    ...rest,
    line1: (line1 ?? address_line1) as string,
    line2: line2 ?? address_line2 ?? '',
    state: state ?? '',
  }))
  .meta({ id: 'ShippingAddressInput' });

const exampleAddress = {
  full_name: 'Sam Shopper',
  line1: '221B Baker Street',
  city: 'London',
  postal_code: 'NW1 6XE',
  country: 'United Kingdom',
  phone: '+44 20 7946 0018',
};

/** `POST /api/orders`, with an Idempotency-Key header: the cart becomes an order. */
export const PlaceOrderInput = z
  .object({ shipping_address: ShippingAddressInput })
  .meta({ id: 'PlaceOrderInput', examples: [{ shipping_address: exampleAddress }] });
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>;

/** `PATCH /api/orders/:id/status` (admin). An order becomes paid only through its payment. */
export const OrderStatusInput = z
  .object({ status: z.enum(ORDER_STATUSES, { message: `must be one of ${ORDER_STATUSES.join(', ')}` }) })
  .meta({ id: 'OrderStatusInput', examples: [{ status: 'shipped' }] });
export type OrderStatusInput = z.input<typeof OrderStatusInput>;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-24')
  .transform((v, ctx) => {
    const date = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be a real date' });
      return z.NEVER;
    }
    return date;
  });

/** `GET /api/orders`: the caller's orders (an admin may ask for everyone's), newest first. */
export const OrderListQuery = z.object({
  ...pageQuery,
  /** `all` needs an admin's token */
  scope: blankIsMissing(z.enum(['mine', 'all']).default('mine')),
  /** with `scope=all`: one person's orders (an admin's view of a user) */
  user_id: blankIsMissing(Uuid.optional()),
  status: blankIsMissing(z.enum(ORDER_STATUSES).optional()),
  from: blankIsMissing(day.optional()),
  /** inclusive: orders of that whole day */
  to: blankIsMissing(day.optional()),
});

export const OrderIdParams = z.object({ id: Uuid.meta({ description: 'the order’s id' }) });

// ---- answers ----

/** An address as stored: `state` is absent from the orders made before it was asked for. */
export const ShippingAddress = z.object({
  full_name: z.string(),
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  state: z.string().optional(),
  postal_code: z.string(),
  country: z.string(),
  phone: z.string(),
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;

/** An address as orders answer it: under both sets of names, the shop's and other shops' clients'. */
export const ShippingAddressAnswer = ShippingAddress.extend({
  state: z.string(),
  address_line1: z.string(),
  address_line2: z.string(),
}).meta({ id: 'ShippingAddress' });
export type ShippingAddressAnswer = z.infer<typeof ShippingAddressAnswer>;

export const OrderItem = z
  .object({
    product_id: Uuid,
    sku: z.string(),
    name: z.string(),
    unit_price: Money,
    quantity: z.int().positive(),
    line_total: Money,
    /** the shop that sold it (a vendor's id is their user id); null for the house's own */
    vendor_id: Uuid.nullable(),
    /** the shop's name when the order was placed */
    vendor_name: z.string().nullable(),
    /** when this item left (each shop ships its own items); null until then */
    shipped_at: Timestamp.nullable(),
    tracking_number: z.string().nullable(),
  })
  .meta({ id: 'OrderItem' });
export type OrderItem = z.infer<typeof OrderItem>;

/** One step of an order's history. */
export const OrderEvent = z
  .object({
    from_status: z.enum(ORDER_STATUSES).nullable(),
    to_status: z.enum(ORDER_STATUSES),
    /** who: a user id, "system" or a service name */
    actor: z.string(),
    reason: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'OrderEvent' });
export type OrderEvent = z.infer<typeof OrderEvent>;

/** An order as the API shows it; a single order also carries its history (`events`). */
export const Order = z
  .object({
    id: Uuid,
    user_id: Uuid,
    status: z.enum(ORDER_STATUSES),
    customer_email: z.string(),
    customer_name: z.string(),
    shipping_address: ShippingAddressAnswer,
    items: z.array(OrderItem),
    subtotal: Money,
    tax: Money,
    shipping_cost: Money,
    total: Money,
    payment_id: Uuid.nullable(),
    can_cancel: z.boolean(),
    /** where the shop may move it next (admin actions) */
    next_statuses: z.array(z.enum(ORDER_STATUSES)),
    created_at: Timestamp,
    updated_at: Timestamp,
    paid_at: Timestamp.nullable(),
    cancelled_at: Timestamp.nullable(),
    events: z.array(OrderEvent).optional(),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderPage = pageOf(Order).meta({ id: 'OrderPage' });
export type OrderPage = z.infer<typeof OrderPage>;

/** `GET /orders/preview`: the cart priced as an order would be right now, with tax and shipping. */
export const OrderPreview = z.object({
  items: z.array(OrderItem),
  subtotal: Money,
  tax: Money,
  shipping_cost: Money,
  total: Money,
});
export type OrderPreview = z.infer<typeof OrderPreview>;
