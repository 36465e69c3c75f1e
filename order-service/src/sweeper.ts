import type { ServiceClient } from '@dm/common/http-client';
import type { Logger } from '@dm/common/logger';
import { countSweep } from '@dm/common/metrics';
import type { Outbox } from '@dm/common/outbox';
import type { BackgroundWorker } from '@dm/common/service';
import type { Kysely } from 'kysely';
import type { Database } from './db.js';
import { orders } from './orders.js';
import { changeStatus } from './status-changes.js';

export interface SweeperDeps {
  db: Kysely<Database>;
  outbox: Outbox;
  catalog: ServiceClient;
  serviceToken: () => string;
  logger: Logger;
  paymentTimeoutMinutes: number;
  recoverySeconds: number;
}

/**
 * The service's own housekeeping: unpaid orders past their time are cancelled (their stock comes
 * back through the outbox), and orders whose checkout died half-way have their stock released and
 * are removed.
 */
export async function sweep(deps: SweeperDeps): Promise<{ expired: number; recovered: number }> {
  const { db, logger } = deps;
  let expired = 0;
  const unpaidCutoff = new Date(Date.now() - deps.paymentTimeoutMinutes * 60_000);
  for (const row of await orders.unpaidSince(db, unpaidCutoff)) {
    const { changed } = await changeStatus(
      db,
      deps.outbox,
      row.id,
      'cancelled',
      { id: 'system', reason: `not paid within ${deps.paymentTimeoutMinutes} minutes` },
      { ifStatus: 'pending' },
    );
    if (changed) expired++;
  }

  let recovered = 0;
  const stuckCutoff = new Date(Date.now() - deps.recoverySeconds * 1000);
  for (const stuck of await orders.stuckSince(db, stuckCutoff)) {
    try {
      await db.transaction().execute(async (trx) => {
        // Holding the row while releasing: a late retry of this checkout waits, then finds it gone.
        const row = await trx.selectFrom('orders').selectAll().where('id', '=', stuck.id).forUpdate().skipLocked().executeTakeFirst();
        if (row?.status !== 'reserving') return;
        await deps.catalog.call('POST', `/internal/reservations/${row.id}/release`, {
          body: {},
          token: deps.serviceToken(),
          idempotent: true,
        });
        await orders.remove(trx, row.id);
        recovered++;
      });
    } catch (err) {
      logger.warn({ err, order_id: stuck.id }, 'could not undo a half-made order yet; will retry');
    }
  }
  if (expired || recovered) logger.info({ expired, recovered }, 'order sweep');
  return { expired, recovered };
}

/** The sweep every `intervalSeconds`, as a worker the service starts and stops. */
export function createSweeper(deps: SweeperDeps, intervalSeconds: number): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = sweep(deps)
      .then(
        () => countSweep('orders', 'ok'),
        (err: unknown) => {
          countSweep('orders', 'failed');
          deps.logger.warn({ err }, 'order sweep failed');
        },
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalSeconds * 1000);
      });
  };
  return {
    start() {
      // A first sweep right away: after a crash, half-made orders are undone as soon as we are back.
      if (!stopped) timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
