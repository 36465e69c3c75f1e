import { type Kysely, sql } from 'kysely';

// The vendor role, and the admin's list of people at 100,000 accounts: newest first, by role, and
// a search for part of an email or a name (trigram indexes serve LIKE '%…%'); a person's page
// reads their history from the audit log by subject.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP CONSTRAINT users_role_check`.execute(db);
  await sql`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('user', 'vendor', 'admin'))`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE INDEX users_created ON users (created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX users_role_created ON users (role, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX users_email_trgm ON users USING gin (lower(email) gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX users_name_trgm ON users USING gin (lower(full_name) gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX audit_events_subject_at_idx ON audit_events (subject_id, at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['audit_events_subject_at_idx', 'users_created', 'users_role_created', 'users_email_trgm', 'users_name_trgm']) {
    await sql`DROP INDEX ${sql.raw(index)}`.execute(db);
  }
  await sql`ALTER TABLE users DROP CONSTRAINT users_role_check`.execute(db);
  await sql`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('user', 'admin'))`.execute(db);
}
