// The gateway again, beside the bench stack's own, with settings of its own (WEB_CONCURRENCY
// workers, metrics off, tracing on): the same services, database and secrets, on a port of its own,
// so that one run measures a page served both ways.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '@dm/scripts/paths';
import getPort from 'get-port';
import type { BenchShop } from './shop.js';

export async function startExtraGateway(
  shop: BenchShop,
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const gateway = shop.stack.services.find((s) => s.spec.name === 'gateway');
  if (!gateway) throw new Error('the bench stack has no gateway');
  const port = await getPort();
  // The preload the stack gives every service: tracing, when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const child = spawn(process.execPath, ['--import', '@dm/common/tracing-register', path.join(ROOT, 'gateway-web', 'dist', 'main.js')], {
    cwd: path.join(ROOT, 'gateway-web'),
    env: { ...gateway.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(path.join(ROOT, 'bench', 'results', 'logs', `gateway-${name}.log`), { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway (${name}) exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return { url, pid: child.pid!, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the gateway (${name}) was not ready after 60 s`);
    }
    await sleep(100);
  }
}
