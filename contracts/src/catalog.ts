import { z } from 'zod';
import { Uuid } from './common.js';

/** How a product names its categories. */
export const CategoryRef = z.object({ id: Uuid, name: z.string(), slug: z.string() });
export type CategoryRef = z.infer<typeof CategoryRef>;

/** One row of `GET /api/categories`: the whole tree comes flat, parents named by id. */
export const Category = CategoryRef.extend({
  parent_id: Uuid.nullable(),
  sort_order: z.int(),
  /** active products filed directly under this category */
  product_count: z.int().nonnegative(),
}).meta({ id: 'Category' });
export type Category = z.infer<typeof Category>;
