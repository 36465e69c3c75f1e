import type { FieldError } from '@dm/common/errors';
import type { Product } from './catalog-types.js';

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

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

export function formFromBody(body: Record<string, unknown>): ProductFormValues {
  return {
    sku: str(body.sku),
    name: str(body.name),
    description: str(body.description),
    price: str(body.price),
    stock: str(body.stock),
    image_url: str(body.image_url),
    tags: str(body.tags),
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

/** Field errors keyed by form field ("category_ids.0" belongs to "category_ids"). */
export function errorsByField(errors: FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const field = e.field.split('.')[0] || 'form';
    out[field] ??= e.message;
  }
  return out;
}
