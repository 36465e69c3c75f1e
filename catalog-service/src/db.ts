import type { OutboxTable } from '@dm/common/outbox';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface CategoriesTable {
  id: Generated<string>;
  name: string;
  slug: string;
  parent_id: string | null;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface ProductsTable {
  id: Generated<string>;
  sku: string;
  slug: string;
  name: string;
  description: Generated<string>;
  /** NUMERIC(12,2): pg hands it over as text ("19.99") so it never passes through a float. */
  price: string;
  stock: Generated<number>;
  is_active: Generated<boolean>;
  is_featured: Generated<boolean>;
  tags: Generated<string[]>;
  image_url: string | null;
  /** how many visible reviews the product has, as review-service last said */
  rating_count: Generated<number>;
  /** NUMERIC(2,1) as text ("4.3"); null while the product has no review */
  rating_average: string | null;
  /** the version of the newest rating taken from review-service (0: none yet) */
  rating_version: Generated<number>;
  /** the vendor (a user id) who sells it; null for the house's own products */
  vendor_id: string | null;
  /** taken off sale by its vendor's suspension, to be put back when it is lifted */
  held_by_suspension: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProductCategoriesTable {
  product_id: string;
  category_id: string;
}

export interface ProductImagesTable {
  id: Generated<string>;
  product_id: string;
  position: Generated<number>;
  content_type: string;
  data: Buffer;
  byte_size: number;
  sha256: string;
  alt: Generated<string>;
  /** pixels, from the image's header; null when it could not be read (e.g. an SVG without a size) */
  width: number | null;
  height: number | null;
  created_at: Generated<Date>;
}

/** A smaller rendition of an image (e.g. `thumb`), made once and kept. */
export interface ProductImageVariantsTable {
  image_id: string;
  size: string;
  content_type: string;
  data: Buffer;
  byte_size: number;
  sha256: string;
  width: number;
  height: number;
  created_at: Generated<Date>;
}

export interface StockMovementsTable {
  id: Generated<string>;
  product_id: string;
  delta: number;
  reason: string;
  /** who: a user's email (or id), or the calling service's name */
  actor: string;
  stock_after: number;
  order_id: string | null;
  created_at: Generated<Date>;
}

export interface StockReservationsTable {
  order_id: string;
  product_id: string;
  quantity: number;
  /** the product as it was when its stock was taken: the order is priced from these */
  sku: string;
  name: string;
  unit_price: string;
  vendor_id: string | null;
  vendor_name: string | null;
  created_at: Generated<Date>;
  released_at: Date | null;
}

export type ProductRow = Selectable<ProductsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
export type ProductImageRow = Selectable<ProductImagesTable>;
export type NewProductImage = Insertable<ProductImagesTable>;
export type ProductImageVariantRow = Selectable<ProductImageVariantsTable>;
export type StockMovementRow = Selectable<StockMovementsTable>;
export type NewStockMovement = Insertable<StockMovementsTable>;

export type VendorStatus = 'active' | 'suspended';

export interface VendorsTable {
  /** the vendor's user id */
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  logo_url: string | null;
  contact_email: string;
  payout_reference: string;
  status: Generated<VendorStatus>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type VendorRow = Selectable<VendorsTable>;

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

export interface VendorApplicationsTable {
  id: Generated<string>;
  user_id: string;
  shop_name: string;
  description: string;
  contact_email: string;
  payout_reference: string;
  status: Generated<ApplicationStatus>;
  decision_reason: Generated<string>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
}
export type VendorApplicationRow = Selectable<VendorApplicationsTable>;

/** A word the catalog's text holds (search/lexicon.ts); kept by triggers on products. */
export interface SearchWordsTable {
  word: string;
  folded: string;
  stem: string;
}

/** `term` (folded words) also finds `synonym`. */
export interface SearchSynonymsTable {
  id: Generated<string>;
  term: string;
  synonym: string;
  created_at: Generated<Date>;
}
export type SynonymRow = Selectable<SearchSynonymsTable>;

export interface Database {
  vendors: VendorsTable;
  vendor_applications: VendorApplicationsTable;
  categories: CategoriesTable;
  products: ProductsTable;
  product_categories: ProductCategoriesTable;
  product_images: ProductImagesTable;
  product_image_variants: ProductImageVariantsTable;
  stock_movements: StockMovementsTable;
  stock_reservations: StockReservationsTable;
  outbox: OutboxTable;
  search_words: SearchWordsTable;
  search_synonyms: SearchSynonymsTable;
}
