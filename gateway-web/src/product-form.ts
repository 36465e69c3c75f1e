import type { Product } from './catalog-types.js';
import { list, text } from './forms.js';

/** What the admin product form holds, as the text the admin typed. */
export interface ProductFormValues {
  sku: string;
  name: string;
  description: string;
  price: string;
  stock: string;
  image_url: string;
  tags: string;
  category_ids: string[];
  is_active: boolean;
  is_featured: boolean;
}

export function formFromBody(body: Record<string, unknown>): ProductFormValues {
  return {
    sku: text(body.sku),
    name: text(body.name),
    description: text(body.description),
    price: text(body.price),
    stock: text(body.stock),
    image_url: text(body.image_url),
    tags: text(body.tags),
    category_ids: list(body.category_ids),
    is_active: body.is_active === 'on',
    is_featured: body.is_featured === 'on',
  };
}

export function formFromProduct(p: Product): ProductFormValues {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    price: p.price,
    stock: String(p.stock),
    image_url: p.image_url ?? '',
    tags: p.tags.join(', '),
    category_ids: p.categories.map((c) => c.id),
    is_active: p.is_active,
    is_featured: p.is_featured,
  };
}

export const emptyForm: ProductFormValues = {
  sku: '',
  name: '',
  description: '',
  price: '',
  stock: '0',
  image_url: '',
  tags: '',
  category_ids: [],
  is_active: true,
  is_featured: false,
};

/** The JSON catalog-service takes. Stock stays text when it is not a whole number, so the service's 422 names it. */
export function formToPayload(form: ProductFormValues): Record<string, unknown> {
  return {
    sku: form.sku,
    name: form.name,
    description: form.description,
    price: form.price,
    stock: /^\d+$/.test(form.stock) ? Number(form.stock) : form.stock,
    image_url: form.image_url || null,
    tags: form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    category_ids: form.category_ids,
    is_active: form.is_active,
    is_featured: form.is_featured,
  };
}
