/**
 * Which `/internal/*` areas each caller may reach, as `<service>:<first path segment>`: a service
 * token carries its caller's row, and the one guard of `/internal/*` (common/src/auth.ts) checks it,
 * so (for example) payment-service's token cannot reserve stock in catalog-service.
 */
const REVOCATIONS = 'auth-service:sessions';
/** The audit log in auth-service: the services whose admin changes it records. */
const AUDIT = 'auth-service:audit-events';
/** Domain events posted by the default (HTTP) transport to each consumer (common/src/events.ts). */
const EVENTS = ['notification-service:events', 'analytics-service:events'];

export const SERVICE_SCOPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  // A shopper's mails (/account/notifications), the admin dashboard's figures, and product views and
  // cart adds as events.
  'gateway-web': [REVOCATIONS, ...EVENTS, 'notification-service:notifications', 'analytics-service:dashboard'],
  'auth-service': [],
  'catalog-service': [REVOCATIONS, AUDIT, ...EVENTS],
  'cart-service': [REVOCATIONS, 'catalog-service:products'],
  'order-service': [
    REVOCATIONS,
    AUDIT,
    'catalog-service:products',
    'catalog-service:reservations',
    'cart-service:carts',
    'payment-service:refunds',
    ...EVENTS,
  ],
  'payment-service': [REVOCATIONS, 'order-service:orders', ...EVENTS],
  // Whether a user's order of a product was delivered, and the product's rating for the catalog:
  // areas of their own, so this token can neither pay an order nor reserve stock. The catalog's
  // product read (inactive ones too) tells which vendor may answer a review.
  'review-service': [REVOCATIONS, 'order-service:purchases', 'catalog-service:product-ratings', 'catalog-service:products'],
});

/** The scope an `/internal/<area>/…` path of `service` needs. */
export function scopeFor(service: string, internalPath: string): string {
  const area = internalPath.split('/').find(Boolean) ?? '';
  return `${service}:${area}`;
}
