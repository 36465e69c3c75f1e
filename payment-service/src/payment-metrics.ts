import { counter } from '@dm/common/metrics';

// Counted once the charge or refund is committed: a replayed Idempotency-Key, or a refund asked for
// again, counts nothing.
const payments = counter('payments_total', 'Charges decided (succeeded or declined) and refunds made', {
  outcome: ['succeeded', 'failed', 'refunded'],
});

export const countPayment = (outcome: 'succeeded' | 'failed' | 'refunded') => payments.inc({ outcome });
