import type { z } from 'zod';

/**
 * One row of the public API (the gateway's `/api/*`): what it takes and what it answers. The
 * OpenAPI document is generated from the list of these, the fuzz test drives every one, and a test
 * checks that the gateway serves exactly the documented paths.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style: `/api/products/:id`. */
  path: string;
  summary: string;
  /** Groups the route in the docs: "Auth", "Catalog", "Cart", "Orders", "Payments", … */
  tag: string;
  /** Who may call it; anything but `anyone` needs a Bearer token or the access_token cookie. */
  auth: 'anyone' | 'user' | 'vendor' | 'admin';
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads besides auth (e.g. Idempotency-Key). */
  headers?: z.ZodObject;
  /** The JSON body; its `.meta({ examples })` must pass its own validation. */
  body?: z.ZodType;
  /** How the body may come besides JSON (the OAuth2 password form of a login). */
  bodyTypes?: readonly ('application/json' | 'application/x-www-form-urlencoded')[];
  /** Status → what the answer holds; error statuses use ErrorBody. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Kept for an older client's sake: the route it behaves like ("GET /api/auth/me"). */
  aliasOf?: string;
}
