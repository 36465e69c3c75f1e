// What order-service and payment-service answer with: their own types, for the compiler only.

export type { OrderPreview } from '@dm/order-service/checkout';
export type { ShippingAddress } from '@dm/order-service/db';
export type { Order, OrderEvent, OrderItem } from '@dm/order-service/orders';

/** payment-service's answer to a payment attempt. */
export interface PaymentAttempt {
  id: string;
  payment_id: string | null;
  order_id: string;
  amount: string;
  status: 'succeeded' | 'failed';
  decline_reason: string | null;
  card_brand: string;
  card_last4: string;
  created_at: string;
}
