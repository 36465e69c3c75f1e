// A product's page: the gallery, the breadcrumbs and how many the add-to-cart form offers.
import { CART_MAX_QUANTITY } from '@dm/contracts/limits';
import type { Category, Product, ProductDetail } from '../catalog-types.js';
import { trailTo } from '../category-tree.js';

/**
 * The images a product page shows: the one asked for with `?image=` large (so the thumbnails work
 * as plain links without JavaScript), else the first, which is the product's main image.
 */
export function gallery(product: ProductDetail, wantedImage: unknown) {
  const images = product.images.length
    ? product.images
    : product.image_url
      ? [{ id: '', url: product.image_url, alt: product.name, width: null, height: null }]
      : [];
  const wanted = typeof wantedImage === 'string' ? wantedImage.toLowerCase() : '';
  const shown = images.find((i) => i.id && i.id === wanted) ?? images[0] ?? null;
  return { images, shown };
}

export function productView(product: ProductDetail, related: Product[], all: Category[], wantedImage: unknown) {
  const first = product.categories[0];
  const trail = first ? trailTo(all, first.id) : [];
  return {
    title: product.name,
    product,
    gallery: gallery(product, wantedImage),
    related,
    // The product's first category with the categories above it, for the breadcrumbs.
    trail: first && trail.length === 0 ? [first] : trail,
    // A cart line holds at most CART_MAX_QUANTITY, and never more than is in stock.
    maxQuantity: Math.min(product.stock, CART_MAX_QUANTITY),
    scripts: ['gallery'],
  };
}
