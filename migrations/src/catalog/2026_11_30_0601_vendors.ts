import { type Kysely, sql } from 'kysely';

// The marketplace's sellers. A vendor is a user with a shop, so the shop's id is the user's id:
// every service that knows the signed-in user (a JWT's `sub`) knows their shop without a lookup.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vendors')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) BETWEEN 1 AND 80`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(description) <= 2000`))
    .addColumn('logo_url', 'text')
    .addColumn('contact_email', 'text', (c) => c.notNull())
    // Where the shop's money goes (an IBAN, a PayPal address): shown to admins and the vendor only.
    .addColumn('payout_reference', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status IN ('active', 'suspended')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX vendors_name_key ON vendors (lower(name))`.execute(db);

  await db.schema
    .createTable('vendor_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('shop_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('payout_reference', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status IN ('pending', 'approved', 'rejected')`))
    .addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One open application per user; the admin's queue reads the oldest pending first.
  await sql`CREATE UNIQUE INDEX vendor_applications_one_pending ON vendor_applications (user_id) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX vendor_applications_status_idx ON vendor_applications (status, created_at, id)`.execute(db);
  await sql`CREATE INDEX vendor_applications_user_idx ON vendor_applications (user_id, created_at DESC)`.execute(db);

  await db.schema
    .alterTable('products')
    .addColumn('vendor_id', 'uuid', (c) => c.references('vendors.id'))
    // Set on the products a suspension took off sale, so lifting it puts back exactly those.
    .addColumn('held_by_suspension', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`CREATE INDEX products_vendor_idx ON products (vendor_id, created_at DESC, id DESC) WHERE vendor_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX products_vendor_idx`.execute(db);
  await db.schema.alterTable('products').dropColumn('held_by_suspension').dropColumn('vendor_id').execute();
  await db.schema.dropTable('vendor_applications').execute();
  await db.schema.dropTable('vendors').execute();
}
