// The Cart JSON every cart answer carries: stored lines (or a guest's) priced with the catalog's
// current products. Pure, so the money rules are tested without HTTP or a database.
import { formatMoney, parseMoney } from '@dm/common/money';
import type { Cart, CartItem } from '@dm/contracts/cart';
import type { BatchProduct } from '@dm/contracts/internal';

/** What the cart needs of a catalog product (the batch answer carries more). */
export type CatalogProduct = Pick<
  BatchProduct,
  'id' | 'sku' | 'slug' | 'name' | 'price' | 'stock' | 'is_active' | 'image_url' | 'vendor' | 'unavailable_reason'
>;

export interface ViewLine {
  product_id: string;
  quantity: number;
  /** the price when the line was added or last set; null for lines that are not stored (a quote) */
  unit_price_snapshot: string | null;
}

export const UNAVAILABLE_NAME = 'Product no longer available';

export const emptyCart = (): Cart => ({ items: [], total_items: 0, subtotal: '0.00' });

function cents(amount: string): number {
  const value = parseMoney(amount);
  if (value === null) throw new TypeError(`not an amount: ${amount}`);
  return value;
}

function unavailableItem(line: ViewLine, product: CatalogProduct | null | undefined): CartItem {
  // An inactive product keeps its name and picture, so the shopper knows which one went; it has
  // no page to link to. A product the catalog no longer knows has nothing but the snapshot.
  const price = product ? cents(product.price) : line.unit_price_snapshot === null ? 0 : cents(line.unit_price_snapshot);
  return {
    product_id: line.product_id,
    sku: product?.sku ?? null,
    name: product?.name ?? UNAVAILABLE_NAME,
    slug: null,
    image_url: product?.image_url ?? null,
    price: formatMoney(price),
    quantity: line.quantity,
    item_total: '0.00',
    stock: 0,
    available: false,
    price_changed: false,
    previous_price: null,
    vendor_id: product?.vendor?.id ?? null,
    vendor_name: product?.vendor?.name ?? null,
    unavailable_reason: product?.unavailable_reason ?? null,
  };
}

/** Products by id, as the catalog answered: null (or absent) for an id it does not know. */
export type ProductsById = ReadonlyMap<string, CatalogProduct | null>;

/**
 * Prices `lines` (already in display order) with the catalog's products. A line whose product is
 * inactive or missing is shown as unavailable and counts in neither `total_items` nor `subtotal`.
 */
export function cartView(lines: readonly ViewLine[], products: ProductsById): Cart {
  let subtotal = 0;
  let totalItems = 0;
  const items = lines.map((line): CartItem => {
    const product = products.get(line.product_id);
    if (!product?.is_active) return unavailableItem(line, product);
    const price = cents(product.price);
    const itemTotal = price * line.quantity;
    const snapshot = line.unit_price_snapshot === null ? null : cents(line.unit_price_snapshot);
    const previousPrice = snapshot !== null && snapshot !== price ? formatMoney(snapshot) : null;
    subtotal += itemTotal;
    totalItems += line.quantity;
    return {
      product_id: line.product_id,
      sku: product.sku,
      name: product.name,
      slug: product.slug,
      image_url: product.image_url,
      price: formatMoney(price),
      quantity: line.quantity,
      item_total: formatMoney(itemTotal),
      stock: product.stock,
      available: true,
      price_changed: previousPrice !== null,
      previous_price: previousPrice,
      vendor_id: product.vendor?.id ?? null,
      vendor_name: product.vendor?.name ?? null,
      unavailable_reason: null,
    };
  });
  return { items, total_items: totalItems, subtotal: formatMoney(subtotal) };
}
