// Who may change a product: an admin any product; a vendor only their own, and only while their
// shop is open. Every write route of products, images and stock asks here first.

import type { Principal } from '@dm/common/auth';
import { userOf } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import { isUuid } from '@dm/common/ids';
import type { Request, RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db.js';
import { vendors } from './vendors.js';

/** An admin or a vendor; a shopper gets a 403 that says what the route is for. */
export const requireSeller: RequestHandler = (req, _res, next) => {
  const { role } = userOf(req);
  if (role !== 'admin' && role !== 'vendor') throw new HttpError(403, 'only vendors and admins manage products');
  next();
};

/** The vendor's own open shop; a 403 when they have none or it is suspended. */
export async function openShopOf(db: Kysely<Database>, principal: Principal): Promise<string> {
  const shop = await vendors.findById(db, principal.id);
  if (!shop) throw new HttpError(403, 'you have no shop yet: apply to sell first');
  if (shop.status !== 'active') throw new HttpError(403, 'your shop is suspended: contact the marketplace to reopen it');
  return shop.id;
}

/**
 * The shop a new product belongs to: the vendor's own, or the house's (null) for an admin.
 * A vendor's product cannot be featured: that is the marketplace's choice.
 */
export async function shopForNewProduct(db: Kysely<Database>, req: Request, input: { is_featured?: boolean }): Promise<string | null> {
  const principal = userOf(req);
  if (principal.role === 'admin') return null;
  if (input.is_featured) throw new HttpError(403, 'only the marketplace features products');
  return openShopOf(db, principal);
}

/** Throws unless the signed-in seller may change this product: 404 when it does not exist. */
export async function assertMayEdit(db: Kysely<Database>, req: Request, productId: string, change: { is_featured?: boolean } = {}) {
  const principal = userOf(req);
  if (principal.role === 'admin') return;
  if (principal.role !== 'vendor') throw new HttpError(403, 'only vendors and admins manage products');
  if (!isUuid(productId)) throw new HttpError(404, 'product not found');
  const product = await db.selectFrom('products').select(['vendor_id']).where('id', '=', productId).executeTakeFirst();
  if (!product) throw new HttpError(404, 'product not found');
  if (product.vendor_id !== principal.id) throw new HttpError(403, 'this product belongs to another shop');
  if (change.is_featured !== undefined) throw new HttpError(403, 'only the marketplace features products');
  await openShopOf(db, principal);
}

/** Route guard of `/products/:id/…` writes: before any body is read, so a stranger's upload never is. */
export function mayEditProduct(db: Kysely<Database>): RequestHandler {
  return async (req, _res, next) => {
    await assertMayEdit(db, req, String(req.params.id));
    next();
  };
}

/** An admin sees every product; a vendor also their own inactive ones. */
export function mayViewInactive(p: Principal | undefined, vendorId: string | null): boolean {
  return p?.role === 'admin' || (p?.role === 'vendor' && vendorId === p.id);
}
