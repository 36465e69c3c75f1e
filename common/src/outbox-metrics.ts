import { type Kysely, sql } from 'kysely';
import { gauge } from './metrics.js';

// A scrape reads the backlog at most this often: Prometheus (or several of them, or someone
// reloading /metrics) never costs the database more than one small query per interval.
const FRESH_MS = 5_000;

interface Backlog {
  messages: number;
  oldestSeconds: number;
}

interface Watched {
  read(): Promise<Backlog>;
}

const watched = new Set<Watched>();
const UNKNOWN: Backlog = { messages: Number.NaN, oldestSeconds: Number.NaN };

/** The sum over the outboxes this process runs (one, in a service), each read at most every FRESH_MS. */
async function backlog(): Promise<Backlog> {
  const each = await Promise.all([...watched].map((w) => w.read()));
  return each.reduce((sum, b) => ({ messages: sum.messages + b.messages, oldestSeconds: Math.max(sum.oldestSeconds, b.oldestSeconds) }), {
    messages: 0,
    oldestSeconds: 0,
  });
}

let defined = false;

function defineGauges(): void {
  if (defined) return;
  defined = true;
  gauge('outbox_backlog', 'Outbox messages not yet delivered (NaN: the database did not answer)', [], async (g) => {
    g.set((await backlog()).messages);
  });
  gauge('outbox_oldest_age_seconds', 'Age of the oldest undelivered outbox message, 0 when none', [], async (g) => {
    g.set((await backlog()).oldestSeconds);
  });
}

/**
 * Reports an outbox's backlog (`outbox_backlog`, `outbox_oldest_age_seconds`) while its loop runs;
 * the answer stops it. One query over the undelivered rows (the partial index of the outbox table
 * holds only those), cached for a few seconds; a database that does not answer reads as NaN, not
 * as an empty outbox.
 */
// biome-ignore lint/suspicious/noExplicitAny: any service's database with an outbox table
export function watchOutbox(db: Kysely<any>): () => void {
  defineGauges();
  let last: { at: number; value: Promise<Backlog> } | undefined;
  const entry: Watched = {
    read() {
      if (!last || Date.now() - last.at > FRESH_MS) {
        last = {
          at: Date.now(),
          value: sql<{ messages: number; oldest: number | null }>`
            SELECT count(*)::int AS messages, extract(epoch FROM now() - min(created_at))::float8 AS oldest
            FROM outbox WHERE delivered_at IS NULL`
            .execute(db)
            .then(({ rows }) => ({ messages: rows[0]?.messages ?? 0, oldestSeconds: Math.max(0, rows[0]?.oldest ?? 0) }))
            .catch(() => UNKNOWN),
        };
      }
      return last.value;
    },
  };
  watched.add(entry);
  return () => watched.delete(entry);
}
