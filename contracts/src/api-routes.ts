import { z } from 'zod';
import { Category } from './catalog.js';
import { ErrorBody } from './common.js';
import type { ApiRoute } from './routes.js';

/** Every route of the public API, in the order the docs list them. */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/categories',
    summary: 'The category tree, flat, with each category’s count of active products',
    tag: 'Catalog',
    auth: 'anyone',
    responses: {
      200: { description: 'every category', schema: z.array(Category) },
      503: { description: 'catalog unavailable', schema: ErrorBody },
    },
  },
];
