import { HttpError, ServiceUnavailableError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import { assertInStock } from '@dm/common/stock';
import { CART_MAX_QUANTITY } from '@dm/contracts/limits';
import { type Request, type Response, Router } from 'express';
import { mergeGuestCart } from '../../cart-merge.js';
import { type Cart, EMPTY_CART } from '../../cart-types.js';
import type { Clients } from '../../clients.js';
import { guestLines, setGuestLine } from '../../guest-cart.js';
import { safeNext } from '../../page-guards.js';
import type { ProductActivity } from '../../product-activity.js';
import { flash } from '../../session.js';
import { cartView } from '../../view-models/cart.js';

/** The visitor's cart: a shopper's from cart-service, a guest's (ids in the session) priced by it. */
export async function visitorCart(req: Request, { cart }: Clients): Promise<Cart> {
  if (req.principal) {
    // A merge that failed at sign-in is tried again here.
    const note = await mergeGuestCart(req, cart, req.principal.token);
    if (note) req.session.flash ??= { type: 'info', message: note };
    return cart.call<Cart>('GET', '/cart', { token: req.principal.token });
  }
  const lines = guestLines(req);
  if (lines.length === 0) return EMPTY_CART;
  return cart.call<Cart>('POST', '/cart/quote', { body: { items: lines } });
}

function quantityOf(value: unknown, allowZero: boolean): number | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return (allowZero ? n >= 0 : n >= 1) && n <= CART_MAX_QUANTITY ? n : null;
}

export function cartPages(clients: Clients, activity: ProductActivity): Router {
  const router = Router();
  const { cart } = clients;

  /** Sets a guest's line after checking the product and its stock with cart-service. */
  async function setGuestQuantity(req: Request, productId: string, quantity: number): Promise<string> {
    const quote = await cart.call<Cart>('POST', '/cart/quote', { body: { items: [{ product_id: productId, quantity }] } });
    const line = quote.items[0];
    if (!line?.available) throw new HttpError(404, 'That product is no longer available.');
    assertInStock(line.name, quantity, line.stock);
    if (!setGuestLine(req, productId, quantity)) throw new HttpError(409, 'Your cart is full.');
    return line.name;
  }

  /** Runs a cart change; a refusal (stock, gone, down) becomes a message on the page it came from. */
  async function change(req: Request, res: Response, to: { done: string; refused: string }, action: () => Promise<string>) {
    try {
      flash(req, 'success', await action());
      res.redirect(to.done);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      flash(
        req,
        'danger',
        err instanceof ServiceUnavailableError ? 'The cart is unavailable right now. Please try again in a moment.' : err.detail,
      );
      res.redirect(to.refused);
    }
  }

  router.get('/cart', async (req, res) => {
    let current: Cart | null = null;
    let notice: string | null = null;
    try {
      current = await visitorCart(req, clients);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableError)) throw err;
      notice = 'Your cart is unavailable right now. Please try again in a moment.';
    }
    res.status(notice ? 503 : 200).render('cart', cartView(current, notice));
  });

  router.post('/cart/items', async (req, res) => {
    const productId = String(req.body.product_id ?? '');
    const quantity = quantityOf(req.body.quantity ?? '1', false);
    await change(req, res, { done: '/cart', refused: safeNext(req.body.back, '/cart') }, async () => {
      if (!isUuid(productId)) throw new HttpError(404, 'That product is no longer available.');
      if (quantity === null) throw new HttpError(422, `Choose a quantity from 1 to ${CART_MAX_QUANTITY}.`);
      if (req.principal) {
        const updated = await cart.call<Cart>('POST', '/cart/items', {
          token: req.principal.token,
          body: { product_id: productId, quantity },
        });
        const line = updated.items.find((l) => l.product_id === productId);
        activity.addedToCart(productId);
        return `Added “${line?.name ?? 'the product'}” to your cart.`;
      }
      const existing = guestLines(req).find((l) => l.product_id === productId)?.quantity ?? 0;
      const name = await setGuestQuantity(req, productId, existing + quantity);
      activity.addedToCart(productId);
      return `Added “${name}” to your cart.`;
    });
  });

  router.post('/cart/items/:productId', async (req, res) => {
    const productId = String(req.params.productId);
    const quantity = quantityOf(req.body.quantity, true);
    await change(req, res, { done: '/cart', refused: '/cart' }, async () => {
      if (quantity === null) throw new HttpError(422, `Choose a quantity from 0 to ${CART_MAX_QUANTITY}.`);
      if (req.principal) {
        const token = req.principal.token;
        if (quantity === 0) await cart.call('DELETE', `/cart/items/${encodeURIComponent(productId)}`, { token });
        else await cart.call('PATCH', `/cart/items/${encodeURIComponent(productId)}`, { token, body: { quantity } });
      } else if (quantity === 0) {
        setGuestLine(req, productId, 0);
      } else {
        await setGuestQuantity(req, productId, quantity);
      }
      return quantity === 0 ? 'Removed from your cart.' : 'Your cart is updated.';
    });
  });

  router.post('/cart/items/:productId/remove', async (req, res) => {
    const productId = String(req.params.productId);
    await change(req, res, { done: '/cart', refused: '/cart' }, async () => {
      if (req.principal) await cart.call('DELETE', `/cart/items/${encodeURIComponent(productId)}`, { token: req.principal.token });
      else setGuestLine(req, productId, 0);
      return 'Removed from your cart.';
    });
  });

  return router;
}
