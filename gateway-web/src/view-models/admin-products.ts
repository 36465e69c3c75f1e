// The admin's product list and product form.
import type { Category, ManagedImage, MovementPage, ProductDetail, ProductPage } from '../catalog-types.js';
import { flattenTree } from '../category-tree.js';
import type { FormMessages } from '../forms.js';
import type { ProductFormValues } from '../product-form.js';
import { MAX_IMAGES_PER_UPLOAD } from '../uploads.js';
import { lastPage } from './pagination.js';

export const ADMIN_PAGE_SIZE = 20;

export const ADMIN_SORTS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'name', label: 'Name' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number]['value'];

export interface AdminListFilters {
  q?: string | undefined;
  status: 'all' | 'active' | 'inactive';
  category?: string | undefined;
  stock: 'any' | 'in' | 'out';
  /** as asked for; the list's links keep it only when it was */
  sort?: AdminSort | undefined;
  page: number;
}

/** The list with its filters; `sort` is the one in force (the asked one, or the default for the search). */
export function adminProductsView(filters: AdminListFilters, sort: AdminSort, result: ProductPage, categories: Category[]) {
  return {
    title: 'Products',
    filters: { ...filters, sort },
    // What the pager's and sort's links carry: defaults left out so addresses stay short.
    query: {
      q: filters.q,
      status: filters.status !== 'all' ? filters.status : undefined,
      category: filters.category,
      stock: filters.stock !== 'any' ? filters.stock : undefined,
      sort: filters.sort,
    },
    sorts: ADMIN_SORTS.filter((s) => s.value !== 'relevance' || filters.q),
    categories: flattenTree(categories),
    result,
    lastPage: lastPage(result, ADMIN_PAGE_SIZE),
    scripts: ['admin-bulk'],
  };
}

export interface ProductFormState extends FormMessages {
  /** absent for a new product */
  product?: ProductDetail | undefined;
  form: ProductFormValues;
}

/** The new-product form, or a product's edit page with its images and its stock history. */
export function productFormView(state: ProductFormState, categories: Category[], images: ManagedImage[], movements: MovementPage | null) {
  const { product, form } = state;
  return {
    title: product ? `Edit ${product.name}` : 'New product',
    product: product ?? null,
    form,
    errors: state.errors,
    error: state.error ?? null,
    categories: flattenTree(categories),
    images,
    movements,
    movementPages: movements ? lastPage(movements, movements.page_size) : 1,
    maxImages: MAX_IMAGES_PER_UPLOAD,
  };
}
