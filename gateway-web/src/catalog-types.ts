// What catalog-service answers with, as @dm/contracts defines it (the one source of these shapes).

export type {
  Category,
  CategoryDetail,
  CategoryFacet,
  CategoryRef,
  Product,
  ProductDetail,
  ProductImage,
  /** A listing page: its total may be a lower bound, and it carries the facets asked for. */
  ProductPage,
  Suggestion,
} from '@dm/contracts/catalog';
export type {
  CatalogStats,
  CsvError,
  ImportResult,
  ManagedImage,
  MovementPage,
  StockMovement,
} from '@dm/contracts/catalog-admin';
