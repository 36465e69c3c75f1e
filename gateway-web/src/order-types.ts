// What order-service and payment-service answer with, as @dm/contracts defines it.

export type { Order, OrderEvent, OrderItem, OrderPreview, ShippingAddress } from '@dm/contracts/orders';
/** payment-service's answer to a payment attempt. */
export type { PaymentAttempt } from '@dm/contracts/payments';
