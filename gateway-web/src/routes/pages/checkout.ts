import { randomUUID } from 'node:crypto';
import { type FieldError, HttpError, ServiceUnavailableError } from '@dm/common/errors';
import { type Request, type Response, Router } from 'express';
import { addressFromBody, type CheckoutForm, cardFromBody, cardPayload, formErrors } from '../../checkout-form.js';
import type { Clients } from '../../clients.js';
import type { Order, OrderPreview, PaymentAttempt } from '../../order-types.js';
import { pageUser, requireUserPage } from '../../page-guards.js';
import { flash } from '../../session.js';

type Refusal = { detail?: string; errors?: FieldError[] };
const KEY = /^[\x21-\x7e]{1,150}$/;

export function checkoutPages({ order, payment }: Clients): Router {
  const router = Router();

  async function renderPay(res: Response, status: number, current: Order, state: { errors?: Record<string, string>; message?: string }) {
    res.status(status).render('pay', {
      title: 'Pay for your order',
      order: current,
      card: {},
      errors: state.errors ?? {},
      message: state.message ?? null,
      payKey: randomUUID(),
    });
  }

  /**
   * Pays an order with a card. The key makes a double-click or a retry one charge; the amount is
   * the order's own, decided by the services.
   */
  async function pay(req: Request, res: Response, current: Order, card: CheckoutForm['card'], key: string) {
    const token = pageUser(req).token;
    let result;
    try {
      result = await payment.request<PaymentAttempt & Refusal>('POST', '/payments', {
        token,
        body: { order_id: current.id, card: cardPayload(card) },
        headers: { 'idempotency-key': key },
      });
    } catch (err) {
      if (!(err instanceof ServiceUnavailableError)) throw err;
      return renderPay(res, 503, current, {
        message: 'Payments are unavailable right now. Your order is saved: please try again in a moment.',
      });
    }
    if (result.status === 201 && result.data.status === 'succeeded') {
      flash(req, 'success', 'Thank you! Your payment went through and your order is confirmed.');
      return res.redirect(`/orders/${current.id}`);
    }
    if (result.status === 201) {
      // Post/redirect/get: a reload of the page that says "declined" does not pay again.
      flash(req, 'danger', `${result.data.decline_reason ?? 'Your card was declined.'} Please try another card.`);
      return res.redirect(`/orders/${current.id}/pay`);
    }
    if (result.status === 422)
      return renderPay(res, 422, current, { errors: formErrors(result.data.errors), message: 'Please check your card details.' });
    if (result.status === 409) {
      flash(req, 'info', result.data.detail ?? 'This order cannot be paid.');
      return res.redirect(`/orders/${current.id}`);
    }
    throw new HttpError(result.status, result.data.detail ?? 'The payment could not be made.');
  }

  async function renderCheckout(
    req: Request,
    res: Response,
    status: number,
    form: Partial<CheckoutForm>,
    errors: Record<string, string> = {},
  ) {
    const user = pageUser(req);
    let preview: OrderPreview;
    try {
      preview = await order.call<OrderPreview>('GET', '/orders/preview', { token: user.token });
    } catch (err) {
      if (err instanceof HttpError && (err.status === 422 || err.status === 409)) {
        flash(req, err.status === 422 ? 'info' : 'danger', err.status === 422 ? 'Your cart is empty.' : err.detail);
        return res.redirect('/cart');
      }
      throw err;
    }
    res.status(status).render('checkout', {
      title: 'Checkout',
      preview,
      address: form.address ?? { full_name: user.name ?? '' },
      card: form.card ?? {},
      errors,
      checkoutKey: randomUUID(),
    });
  }

  router.get('/checkout', requireUserPage, async (req, res) => {
    await renderCheckout(req, res, 200, {});
  });

  router.post('/checkout', requireUserPage, async (req, res) => {
    const user = pageUser(req);
    const address = addressFromBody(req.body);
    const card = cardFromBody(req.body);
    // One key per rendering of the checkout page: a double-click sends it twice and makes one order.
    const key = typeof req.body.checkout_key === 'string' && KEY.test(req.body.checkout_key) ? req.body.checkout_key : randomUUID();
    const created = await order.request<Order & Refusal>('POST', '/orders', {
      token: user.token,
      body: { shipping_address: address },
      headers: { 'idempotency-key': key },
    });
    if (created.status === 422 && created.data.errors) {
      return renderCheckout(req, res, 422, { address, card: { ...card, number: '', cvc: '' } }, formErrors(created.data.errors));
    }
    if (created.status === 422 || created.status === 409) {
      flash(req, 'danger', created.data.detail ?? 'Your order could not be placed.');
      return res.redirect('/cart');
    }
    if (created.status !== 201) throw new HttpError(created.status, created.data.detail ?? 'Your order could not be placed.');
    await pay(req, res, created.data, card, `${key}:pay`);
  });

  router.get('/orders/:id/pay', requireUserPage, async (req, res) => {
    const current = await order.call<Order>('GET', `/orders/${encodeURIComponent(String(req.params.id))}`, { token: pageUser(req).token });
    if (current.status !== 'pending') return res.redirect(`/orders/${current.id}`);
    await renderPay(res, 200, current, {});
  });

  router.post('/orders/:id/pay', requireUserPage, async (req, res) => {
    const current = await order.call<Order>('GET', `/orders/${encodeURIComponent(String(req.params.id))}`, { token: pageUser(req).token });
    if (current.status !== 'pending') return res.redirect(`/orders/${current.id}`);
    const key = typeof req.body.pay_key === 'string' && KEY.test(req.body.pay_key) ? req.body.pay_key : randomUUID();
    await pay(req, res, current, cardFromBody(req.body), key);
  });

  return router;
}
