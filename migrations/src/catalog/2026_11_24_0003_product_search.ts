import { type Kysely, sql } from 'kysely';

// Full-text search, the tags filter and the admin's all-products listing, each served by an index.
export async function up(db: Kysely<any>): Promise<void> {
  // A generated column takes only IMMUTABLE expressions and array_to_string is merely STABLE (its
  // output could depend on settings for other element types); for text[] it cannot, so this wrapper
  // may say so.
  await sql`
    CREATE FUNCTION catalog_tags_text(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_to_string(tags, ' ') $$
  `.execute(db);

  // Weights: the name (A) above the sku and tags (B) above the description (C).
  await sql`
    ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english'::regconfig, name), 'A') ||
      setweight(to_tsvector('english'::regconfig, sku || ' ' || coalesce(catalog_tags_text(tags), '')), 'B') ||
      setweight(to_tsvector('english'::regconfig, description), 'C')
    ) STORED
  `.execute(db);
  await sql`CREATE INDEX products_search_idx ON products USING gin (search)`.execute(db);
  // tags @> '{a,b}': a product holding every one of the tags asked for.
  await sql`CREATE INDEX products_tags_idx ON products USING gin (tags)`.execute(db);
  // The admin lists active and inactive products together, newest first: is_active cannot lead.
  await sql`CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC)`.execute(db);
  // The ids of the shop's products, in id order: a category's count merges it with
  // product_categories' primary key instead of hashing every active product.
  await sql`CREATE INDEX products_active_id_idx ON products (id) WHERE is_active`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX products_active_id_idx`.execute(db);
  await sql`DROP INDEX products_newest_idx`.execute(db);
  await sql`DROP INDEX products_tags_idx`.execute(db);
  await sql`DROP INDEX products_search_idx`.execute(db);
  await sql`ALTER TABLE products DROP COLUMN search`.execute(db);
  await sql`DROP FUNCTION catalog_tags_text(text[])`.execute(db);
}
