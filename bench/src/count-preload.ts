// Loaded into each service of a measured stack (`node --import`): counts the HTTP requests the
// process answers (by route, ids blanked) and the statements it sends PostgreSQL (one round trip
// each), and writes both to COUNT_DIR every 200 ms. Only bench/src/hops.ts uses it.
import { renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const dir = process.env.COUNT_DIR;
const main = process.argv[1];
if (dir && main) {
  const service = path.basename(path.dirname(path.dirname(main)));
  const requests: Record<string, number> = {};
  let statements = 0;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      const route = `${req.method} ${(req.url ?? '').split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id')}`;
      requests[route] = (requests[route] ?? 0) + 1;
    }
    return (emit as (this: http.Server, e: string, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
  // The service's own copy of pg, resolved from its main file.
  const pg = createRequire(main)('pg') as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
    statements++;
    return query.apply(this, a);
  };
  const file = path.join(dir, `${service}-${process.pid}.json`);
  // Written aside, then renamed: a reader never sees half a file.
  setInterval(() => {
    writeFileSync(`${file}.new`, JSON.stringify({ service, requests, statements }));
    renameSync(`${file}.new`, file);
  }, 200).unref();
}
