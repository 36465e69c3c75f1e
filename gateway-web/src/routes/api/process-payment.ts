import { createHash } from 'node:crypto';
import { userOf } from '@dm/common/auth';
import { type FieldError, ValidationError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import { parse } from '@dm/common/validation';
import { PROCESS_PAYMENT_FIELDS, ProcessPaymentBody, toPaymentRequest } from '@dm/contracts/api-aliases';
import type { RequestHandler } from 'express';

/**
 * Other shops' clients send no Idempotency-Key: the same order and card make the same key, so a
 * retried request is answered, not charged again, while another card is a new attempt.
 */
function keyOf(body: ProcessPaymentBody): string {
  const { card_number, expiry_month, expiry_year, cvv } = body.card_details;
  const card = [card_number.replace(/\D/g, ''), expiry_month, expiry_year, cvv].join('|');
  return `process-${createHash('sha256').update(`${body.order_id}|${card}`).digest('hex').slice(0, 40)}`;
}

/**
 * POST /api/payments/process `{order_id, payment_method, card_details}`: the same payment as POST
 * /api/payments, with the card's fields named as the caller sent them in any 422.
 */
export function processPayment(payment: ServiceClient): RequestHandler {
  return async (req, res) => {
    const user = userOf(req);
    const body = parse(ProcessPaymentBody, req.body ?? {});
    const result = await payment.request<{ detail?: string; errors?: FieldError[] }>('POST', '/payments', {
      body: toPaymentRequest(body),
      token: user.token,
      headers: { 'idempotency-key': req.get('idempotency-key') ?? keyOf(body) },
    });
    if (result.status === 422 && Array.isArray(result.data.errors)) {
      throw new ValidationError(result.data.errors.map((e) => ({ ...e, field: PROCESS_PAYMENT_FIELDS[e.field] ?? e.field })));
    }
    res.status(result.status).json(result.data);
  };
}
