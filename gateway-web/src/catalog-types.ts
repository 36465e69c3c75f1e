// What catalog-service answers with: its own types, imported for the compiler only (no code is
// shared at run time), so the two can never drift apart.

import type { StockMovement } from '@dm/catalog-service/stock/stock-movements';
import type { Page } from '@dm/common/pagination';

export type { Category, CategoryDetail, CategoryRef } from '@dm/catalog-service/categories/categories';
export type { CsvError } from '@dm/catalog-service/csv/columns';
export type { ImportResult } from '@dm/catalog-service/csv/import';
export type { ManagedImage, ProductImage } from '@dm/catalog-service/images/images';
export type { Product, ProductDetail } from '@dm/catalog-service/products/products';
export type { CatalogStats } from '@dm/catalog-service/products/stats';
export type { CategoryFacet } from '@dm/catalog-service/search/facets';
/** A listing page: its total may be a lower bound, and it carries the facets asked for. */
export type { ProductPage } from '@dm/catalog-service/search/product-search';
export type { Suggestion } from '@dm/catalog-service/search/search';
export type { StockMovement };
export type MovementPage = Page<StockMovement>;
