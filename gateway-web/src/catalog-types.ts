/** The shapes catalog-service answers with, as far as the gateway reads them. */
export interface CategoryRef {
  id: string;
  name: string;
  slug: string;
}

export interface Category extends CategoryRef {
  parent_id: string | null;
  sort_order: number;
  product_count: number;
}

export interface Product {
  id: string;
  sku: string;
  slug: string;
  name: string;
  description: string;
  price: string;
  stock: number;
  is_active: boolean;
  is_featured: boolean;
  tags: string[];
  image_url: string | null;
  categories: CategoryRef[];
  images?: { id: string; url: string; alt: string }[];
  created_at: string;
  updated_at: string;
}

export interface ProductPage {
  items: Product[];
  total: number;
  page: number;
  page_size: number;
  has_next: boolean;
}

export interface CatalogStats {
  products: number;
  active: number;
  inactive: number;
  out_of_stock: number;
  low_stock: number;
  categories: number;
}
