import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY } from '@dm/contracts/limits';
import { type Request, type Response, Router } from 'express';
import { addressFromBody, type CheckoutForm, cardFromBody, cardPayload, checkoutField } from '../../checkout-form.js';
import type { Clients } from '../../clients.js';
import { submit } from '../../forms.js';
import type { Order, OrderPreview, PaymentAttempt } from '../../order-types.js';
import { pageUser, requireUserPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { cardToRetype, checkoutView, payView } from '../../view-models/checkout.js';

/** The key a form carried, when it is one the services take; else a new one (the form was not ours). */
function formKey(value: unknown, suffix = ''): string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(`${value}${suffix}`) ? value : randomUUID();
}

export function checkoutPages({ order, payment }: Clients): Router {
  const router = Router();

  /**
   * Pays an order with a card. The key makes a double-click or a retry one charge; the amount is
   * the order's own, decided by the services.
   */
  async function pay(req: Request, res: Response, current: Order, card: CheckoutForm['card'], key: string) {
    const result = await submit<PaymentAttempt>(payment, 'POST', '/payments', {
      token: userToken(req),
      body: { order_id: current.id, card: cardPayload(card) },
      headers: { 'idempotency-key': key },
      fieldOf: checkoutField,
      failure: 'The payment could not be made.',
      unavailable: 'Payments are unavailable right now. Your order is saved: please try again in a moment.',
    });
    if (result.ok && result.data.status === 'succeeded') {
      flash(req, 'success', 'Thank you! Your payment went through and your order is confirmed.');
      return res.redirect(`/orders/${current.id}`);
    }
    if (result.ok) {
      // Post/redirect/get: a reload of the page that says "declined" does not pay again.
      flash(req, 'danger', `${result.data.decline_reason ?? 'Your card was declined.'} Please try another card.`);
      return res.redirect(`/orders/${current.id}/pay`);
    }
    if (result.status === 409) {
      flash(req, 'info', result.detail);
      return res.redirect(`/orders/${current.id}`);
    }
    const message = result.status === 422 ? 'Please check your card details.' : result.detail;
    res.status(result.status).render('pay', payView(current, { card: cardToRetype(card), errors: result.errors, message }));
  }

  async function renderCheckout(
    req: Request,
    res: Response,
    status: number,
    form: Partial<CheckoutForm>,
    errors: Record<string, string> = {},
  ) {
    const user = pageUser(req);
    const preview = await submit<OrderPreview>(order, 'GET', '/orders/preview', {
      token: user.token,
      failure: 'Checkout is not possible right now.',
    });
    if (!preview.ok) {
      flash(req, preview.status === 422 ? 'info' : 'danger', preview.status === 422 ? 'Your cart is empty.' : preview.detail);
      return res.redirect('/cart');
    }
    res.status(status).render('checkout', checkoutView(preview.data, user, form, errors));
  }

  async function loadOrder(req: Request): Promise<Order> {
    return order.call<Order>('GET', `/orders/${encodeURIComponent(String(req.params.id))}`, { token: userToken(req) });
  }

  router.get('/checkout', requireUserPage, async (req, res) => {
    await renderCheckout(req, res, 200, {});
  });

  router.post('/checkout', requireUserPage, async (req, res) => {
    const address = addressFromBody(req.body);
    const card = cardFromBody(req.body);
    // One key per rendering of the checkout page: a double-click sends it twice and makes one order.
    const key = formKey(req.body.checkout_key, ':pay');
    const created = await submit<Order>(order, 'POST', '/orders', {
      token: userToken(req),
      body: { shipping_address: address },
      headers: { 'idempotency-key': key },
      fieldOf: checkoutField,
      failure: 'Your order could not be placed.',
    });
    if (created.ok) return pay(req, res, created.data, card, `${key}:pay`);
    if (created.status === 422 && created.problems.length > 0) {
      return renderCheckout(req, res, 422, { address, card: cardToRetype(card) }, created.errors);
    }
    // The cart itself is the trouble (empty, or short of stock): the cart page says what to change.
    flash(req, 'danger', created.detail);
    res.redirect('/cart');
  });

  router.get('/orders/:id/pay', requireUserPage, async (req, res) => {
    const current = await loadOrder(req);
    if (current.status !== 'pending') return res.redirect(`/orders/${current.id}`);
    res.render('pay', payView(current, {}));
  });

  router.post('/orders/:id/pay', requireUserPage, async (req, res) => {
    const current = await loadOrder(req);
    if (current.status !== 'pending') return res.redirect(`/orders/${current.id}`);
    await pay(req, res, current, cardFromBody(req.body), formKey(req.body.pay_key));
  });

  return router;
}
