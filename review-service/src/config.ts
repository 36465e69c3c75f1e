import { baseEnv, databaseUrlFor, loadConfig, portVar, urlVar } from '@dm/common/config';
import { z } from 'zod';

export const reviewEnv = {
  ...baseEnv,
  PORT: portVar(8007),
  REVIEWS_DATABASE_URL: z.string().optional(),
  /** asked whether a reviewer's order of the product was delivered */
  ORDER_URL: urlVar('http://127.0.0.1:8004'),
  /** asked whether a product exists, and told each product's rating */
  CATALOG_URL: urlVar('http://127.0.0.1:8002'),
};

export function loadReviewConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(reviewEnv, env);
  return Object.freeze({ ...config, databaseUrl: databaseUrlFor('reviews', env) });
}

export type ReviewConfig = ReturnType<typeof loadReviewConfig>;
