// A product's rules as the API takes them: defined once in @dm/contracts/catalog, named here as
// the service reads them (the output types are what the schemas yield: cents, upper-case SKUs).

import {
  CreateProductInput as createProductInput,
  ProductListQuery as productListQuery,
  UpdateProductInput as updateProductInput,
} from '@dm/contracts/catalog';
import type { z } from 'zod';

export { type ProductSort, SuggestQuery as suggestQueryInput } from '@dm/contracts/catalog';
export { ProductBatchInput as batchInput } from '@dm/contracts/internal';
export { createProductInput, productListQuery, updateProductInput };

export type CreateProductInput = z.output<typeof createProductInput>;
export type UpdateProductInput = z.output<typeof updateProductInput>;
export type ProductListQuery = z.output<typeof productListQuery>;
