import { baseEnv, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { MAX_LINE_QUANTITY } from '@dm/contracts/cart';
import { CART_MAX_LINES, CART_MAX_QUANTITY } from '@dm/contracts/limits';
import { z } from 'zod';

// A cart view asks the catalog for every line in one batch of at most 100 ids, hence the ceiling.
const limitVar = (fallback: number, max: number) =>
  z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(max, `must be at most ${max}`).default(fallback);

export const cartEnv = {
  ...baseEnv,
  PORT: portVar(8003),
  CART_DATABASE_URL: z.string().optional(),
  CATALOG_URL: urlVar('http://127.0.0.1:8002'),
  /** distinct products in one cart */
  CART_MAX_LINES: limitVar(CART_MAX_LINES, 100),
  /** units of one product in one cart */
  CART_MAX_QUANTITY: limitVar(CART_MAX_QUANTITY, MAX_LINE_QUANTITY),
};

export function loadCartConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(cartEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('cart', env) });
}

export type CartConfig = ReturnType<typeof loadCartConfig>;
