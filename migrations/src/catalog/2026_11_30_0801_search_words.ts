import { type Kysely, sql } from 'kysely';

// Typo tolerance the way a search engine does it, inside PostgreSQL: a lexicon of the words the
// catalog holds, which a shopper's unknown word is corrected against (btree indexes find the
// candidates, fuzzystrmatch's levenshtein narrows them, the service counts the typos); and the
// synonyms an admin keeps. Both extensions ship with PostgreSQL (and with the embedded server of
// `npm start`).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);

  // A word as a shopper may type it: no accents, no hyphens ("crème" → creme, "t-shirt" → tshirt).
  // unaccent() is only STABLE (its rules file could change); the lexicon is rebuilt if it ever does.
  await sql`
    CREATE FUNCTION catalog_fold(word text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT replace(unaccent(lower(word)), '-', '') $$
  `.execute(db);

  // The words of a product's name, tags and description, lower-cased, as PostgreSQL's parser cuts
  // them ("over-ear" gives over-ear, over and ear); numbers stay out, nobody misspells them.
  await sql`
    CREATE FUNCTION catalog_words(name text, tags text[], description text) RETURNS SETOF text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
      SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig,
        name || ' ' || coalesce(catalog_tags_text(tags), '') || ' ' || description))) w
      WHERE char_length(w) BETWEEN 2 AND 40 AND w ~ '[^0-9.]'
    $$
  `.execute(db);

  await db.schema
    .createTable('search_words')
    // as in the products' text, lower-cased: what a corrected query searches for
    .addColumn('word', 'text', (c) => c.primaryKey())
    // catalog_fold(word): what a shopper's word is compared with
    .addColumn('folded', 'text', (c) => c.notNull())
    // its English stem: a word typed in another form ("candles") is known by it
    .addColumn('stem', 'text', (c) => c.notNull())
    .execute();
  // Equality, and the words starting with a text (a range in byte order: text_pattern_ops).
  await sql`CREATE INDEX search_words_folded_idx ON search_words (folded text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX search_words_stem_idx ON search_words (stem)`.execute(db);
  // The words a misspelt one may be, by their first or second letter and their length: a typo
  // leaves one of the two first letters where it was, unless both typos of a long word fall there.
  // The words ride along in the index, so the candidates come from index-only scans.
  await sql`CREATE INDEX search_words_first_idx ON search_words (left(folded, 1), char_length(folded)) INCLUDE (word, folded)`.execute(db);
  await sql`CREATE INDEX search_words_second_idx ON search_words (substr(folded, 2, 1), char_length(folded)) INCLUDE (word, folded)`.execute(
    db,
  );

  // The words that may be `typed` with up to `typos` typos (or, `prefix`, whose start may be): by
  // their first two letters and their length (the indexes above), within twice as many Levenshtein
  // edits (a transposition is two), closest first; the service counts the exact typos. Measured at
  // 40,000 words: 2-5 ms. pg_trgm's similarity needs thresholds so low for short words ("mosue" and
  // "mouse" share 2 trigrams of 10) that it read thousands of words and took 50-150 ms.
  await sql`
    CREATE FUNCTION catalog_typo_candidates(typed text, typos int, prefix boolean, n int)
    RETURNS TABLE (word text, folded text)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
      SELECT near.word, near.folded FROM (
        SELECT s.word, s.folded FROM search_words s
        WHERE left(s.folded, 1) IN (left(typed, 1), substr(typed, 2, 1))
          AND char_length(s.folded) BETWEEN char_length(typed) - typos
            AND char_length(typed) + CASE WHEN prefix THEN 100 ELSE typos END
        UNION
        SELECT s.word, s.folded FROM search_words s
        WHERE substr(s.folded, 2, 1) IN (left(typed, 1), substr(typed, 2, 1))
          AND char_length(s.folded) BETWEEN char_length(typed) - typos
            AND char_length(typed) + CASE WHEN prefix THEN 100 ELSE typos END
      ) near
      -- For a prefix, the word's start as long as the text: when some start of the word is within
      -- the typos allowed, that one is within three Levenshtein edits per typo.
      CROSS JOIN LATERAL (
        SELECT levenshtein_less_equal(
          CASE WHEN prefix THEN left(near.folded, char_length(typed)) ELSE near.folded END, typed, 3 * typos) AS d
      ) edits
      WHERE edits.d <= CASE WHEN prefix THEN 3 ELSE 2 END * typos
      ORDER BY edits.d, near.folded
      LIMIT n
    $$
  `.execute(db);

  await sql`
    CREATE FUNCTION catalog_learn_words(words text[]) RETURNS void
    LANGUAGE sql
    AS $$
      INSERT INTO search_words (word, folded, stem)
      SELECT w, catalog_fold(w), coalesce((ts_lexize('english_stem', w))[1], w)
      FROM (SELECT DISTINCT unnest(words) AS w) distinct_words
      ORDER BY w
      ON CONFLICT (word) DO NOTHING
    $$
  `.execute(db);
  // Inserts learn per statement (a bulk import of 5,000 rows is one call); an update only when the
  // text changed, so the stock updates of checkout never pay for it. A word a product no longer
  // holds stays: a correction towards it finds nothing and the next candidate wins.
  await sql`
    CREATE FUNCTION catalog_learn_inserted_words() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      PERFORM catalog_learn_words(array(
        SELECT catalog_words(inserted.name, inserted.tags, inserted.description) FROM inserted));
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`
    CREATE TRIGGER products_learn_inserted_words AFTER INSERT ON products
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_learn_inserted_words()
  `.execute(db);
  await sql`
    CREATE FUNCTION catalog_learn_updated_words() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      PERFORM catalog_learn_words(array(SELECT catalog_words(NEW.name, NEW.tags, NEW.description)));
      RETURN NULL;
    END
    $$
  `.execute(db);
  await sql`
    CREATE TRIGGER products_learn_updated_words AFTER UPDATE OF name, tags, description ON products
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.description IS DISTINCT FROM NEW.description)
    EXECUTE FUNCTION catalog_learn_updated_words()
  `.execute(db);
  await sql`SELECT catalog_learn_words(array(SELECT catalog_words(name, tags, description) FROM products))`.execute(db);

  // What a word (or words) typed also finds: "tee" → "t-shirt". One way: add the reverse for both.
  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // folded words, one space apart, as catalog_fold leaves them
    .addColumn('term', 'text', (c) => c.notNull().check(sql`char_length(term) BETWEEN 1 AND 60`))
    .addColumn('synonym', 'text', (c) => c.notNull().check(sql`char_length(synonym) BETWEEN 1 AND 60`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX search_synonyms_pair_key ON search_synonyms (term, synonym)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_synonyms').execute();
  await sql`DROP FUNCTION catalog_typo_candidates(text, int, boolean, int)`.execute(db);
  await sql`DROP TRIGGER products_learn_updated_words ON products`.execute(db);
  await sql`DROP TRIGGER products_learn_inserted_words ON products`.execute(db);
  await sql`DROP FUNCTION catalog_learn_updated_words()`.execute(db);
  await sql`DROP FUNCTION catalog_learn_inserted_words()`.execute(db);
  await sql`DROP FUNCTION catalog_learn_words(text[])`.execute(db);
  await db.schema.dropTable('search_words').execute();
  await sql`DROP FUNCTION catalog_words(text, text[], text)`.execute(db);
  await sql`DROP FUNCTION catalog_fold(text)`.execute(db);
}
