import { type Kysely, sql } from 'kysely';

// A deleted session (a user's row deleted takes their sessions with it, by cascade) must still reach
// the revocation list every service polls: otherwise a service that already knows its sid keeps
// accepting its access token until the token expires. A trigger leaves a tombstone for each one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ended_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX ended_sessions_revoked_at_idx ON ended_sessions (revoked_at)`.execute(db);
  await sql`
    CREATE FUNCTION sessions_leave_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ended_sessions (id, revoked_at) VALUES (OLD.id, now()) ON CONFLICT (id) DO NOTHING;
      RETURN OLD;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER sessions_tombstone AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_leave_tombstone()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER sessions_tombstone ON sessions`.execute(db);
  await sql`DROP FUNCTION sessions_leave_tombstone()`.execute(db);
  await db.schema.dropTable('ended_sessions').execute();
}
