// Routes kept so that the clients written for other shops (the seeds' mobile app and web client)
// work unchanged. Each names the route it behaves like; the schemas it leaves out are that route's.
import { z } from 'zod';
import { Uuid } from './common.js';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE } from './limits.js';
import type { ApiRoute } from './routes.js';

/** Featured products: the ones the shop marks featured, as its home page shows them (the first 8). */
export const FEATURED_QUERY = { featured: 'true', page_size: '8' } as const;

const monthOrYear = z.union([z.int(), z.string().max(4)]);

/** The card as the seeds' clients send it; payment-service checks it as it checks `card`. */
const CardDetails = z.object({
  card_number: z.string().max(40).meta({ example: '4242 4242 4242 4242' }),
  expiry_month: monthOrYear.meta({ description: '1-12, as a number or text ("07")' }),
  expiry_year: monthOrYear.meta({ description: 'four digits or two ("2030" or 30)' }),
  cvv: z.string().max(4),
  cardholder_name: z.string().max(100).optional(),
});

/** The body of `POST /api/payments/process`. */
export const ProcessPaymentBody = z
  .object({
    order_id: Uuid,
    /** Only cards are taken; the three names the seeds' clients use are all accepted. */
    payment_method: z.enum(['card', 'credit_card', 'debit_card']).default('card'),
    card_details: CardDetails,
  })
  .meta({
    id: 'ProcessPaymentRequest',
    examples: [
      {
        order_id: '0b8f5a6e-3c1d-4e2f-9a7b-5c6d7e8f9a0b',
        payment_method: 'credit_card',
        card_details: { card_number: '4242 4242 4242 4242', expiry_month: 12, expiry_year: 2030, cvv: '123' },
      },
    ],
  });
export type ProcessPaymentBody = z.infer<typeof ProcessPaymentBody>;

/** `POST /api/payments`'s body for the same payment. */
export function toPaymentRequest(body: ProcessPaymentBody) {
  const { card_number, expiry_month, expiry_year, cvv } = body.card_details;
  return { order_id: body.order_id, card: { number: card_number, exp_month: expiry_month, exp_year: expiry_year, cvc: cvv } };
}

/** payment-service names fields of `card`; the caller of the alias sent them in `card_details`. */
export const PROCESS_PAYMENT_FIELDS: Readonly<Record<string, string>> = {
  'card.number': 'card_details.card_number',
  'card.exp_month': 'card_details.expiry_month',
  'card.exp_year': 'card_details.expiry_year',
  'card.cvc': 'card_details.cvv',
  card: 'card_details',
};

export const API_ALIASES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/auth/users/me',
    summary: 'The signed-in user',
    tag: 'Auth',
    auth: 'user',
    aliasOf: 'GET /api/auth/me',
    responses: {},
  },
  {
    method: 'get',
    path: '/api/products/search',
    summary: 'Search the active products (the same filters as the listing)',
    tag: 'Catalog',
    auth: 'anyone',
    aliasOf: 'GET /api/products',
    responses: {},
  },
  {
    method: 'get',
    path: '/api/products/featured',
    summary: 'Featured products: those the shop marks featured, the first 8, as on its home page',
    tag: 'Catalog',
    auth: 'anyone',
    aliasOf: 'GET /api/products',
    query: z.object({}),
    responses: {},
  },
  {
    method: 'post',
    path: '/api/payments/process',
    summary: 'Pay an order by card, with the body of other shops’ clients',
    tag: 'Payments',
    auth: 'user',
    aliasOf: 'POST /api/payments',
    headers: z.object({
      'Idempotency-Key': z
        .string()
        .regex(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_RULE)
        .optional()
        .meta({ description: 'optional here: without one, a request with the same order and card counts as the same payment' }),
    }),
    body: ProcessPaymentBody,
    responses: {},
  },
  {
    method: 'get',
    path: '/api/payments/user',
    summary: 'The signed-in user’s payments',
    tag: 'Payments',
    auth: 'user',
    aliasOf: 'GET /api/payments',
    responses: {},
  },
];
