// Facet counts: how many of the products a listing finds sit in each category, so a shopper sees
// where the results are before narrowing down.
import type { CategoryFacet } from '@dm/contracts/catalog';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db.js';
import { type Listing, listingWhere } from './listing.js';

/**
 * One grouped query over the listing's search and filters, except the category filter itself: the
 * category a shopper stands in must not shrink the counts of its sisters. Categories with no match
 * are left out; the order is the tree's (sort_order, then name).
 */
export function facetQuery(l: Listing): RawBuilder<CategoryFacet> {
  return sql<CategoryFacet>`
    select c.id, c.slug, c.name, c.parent_id, count(*)::int as count
    from products
    join product_categories pc on pc.product_id = products.id
    join categories c on c.id = pc.category_id
    where ${listingWhere(l, { category: false })}
    group by c.id
    order by c.sort_order, c.name, c.id`;
}

export async function categoryFacets(db: Kysely<Database>, l: Listing): Promise<CategoryFacet[]> {
  return (await facetQuery(l).execute(db)).rows;
}
