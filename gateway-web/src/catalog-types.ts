// What catalog-service answers with: its own types, imported for the compiler only (no code is
// shared at run time), so the two can never drift apart.
import type { Page } from '@dm/common/pagination';
import type { Product } from '@dm/catalog-service/products';

export type { Category, CategoryRef } from '@dm/catalog-service/categories';
export type { CatalogStats } from '@dm/catalog-service/stats';
export type { Product, ProductDetail } from '@dm/catalog-service/products';
export type ProductPage = Page<Product>;
