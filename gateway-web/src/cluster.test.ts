// The gateway with WEB_CONCURRENCY=2, as a real process: a primary and two workers on one port.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@dm/common/db';
import { freePort, testServerUrl } from '@dm/common/testing';

const LIMIT = 6;
const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');

/**
 * A GET on a connection of its own: the primary hands each new connection to the next worker. One
 * handed to a worker just killed is never answered, so each gives up after 2 s.
 */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 2 s')));
    req.on('error', reject);
    req.end();
  });
}

async function until(what: string, check: () => Promise<boolean> | boolean, seconds = 12): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

describe('the gateway with WEB_CONCURRENCY=2', () => {
  let primary: ChildProcess;
  let url = '';
  let databaseUrl = '';
  const lines: string[] = [];
  const ready = () => {
    if (primary.exitCode !== null) assert.fail(`the gateway exited with code ${primary.exitCode}`);
    return get(`${url}/ready`).then(
      (s) => s === 200,
      () => false,
    );
  };
  const workers = () => lines.filter((l) => l.includes('listening on')).length;

  before(async () => {
    const db = new URL(testServerUrl());
    db.pathname = `/test_cluster_${randomBytes(4).toString('hex')}`;
    databaseUrl = db.toString();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: String(port),
        GATEWAY_DATABASE_URL: databaseUrl,
        WEB_CONCURRENCY: '2',
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        // Without Redis: the primary holds the rate limits' counts.
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const input of [primary.stdout!, primary.stderr!]) createInterface({ input }).on('line', (line) => lines.push(line));
    await until('both workers listen', () => workers() === 2 && ready(), 40).catch((err: unknown) => {
      throw new Error(`${err}\n${lines.join('\n')}`);
    });
  });

  after(async () => {
    if (primary.exitCode === null) {
      primary.kill('SIGKILL');
      await once(primary, 'exit');
    }
    await dropDatabase(databaseUrl);
  });

  it('migrates once, in the primary', () => {
    const applied = lines.filter((l) => l.includes('migration') && l.includes('applied'));
    assert.equal(applied.length, 1, applied.join('\n'));
  });

  it('counts one rate limit for both workers (the primary holds the counts)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await get(`${url}/api/openapi.json`));
    assert.deepEqual(statuses, [...Array(LIMIT).fill(200), 429, 429]);
  });

  it('starts a new worker for one that dies, and serves all along', async () => {
    const pids = lines.flatMap((l) => (l.includes('started a gateway worker') ? [JSON.parse(l).pid as number] : []));
    assert.equal(new Set(pids).size, 2, 'two workers, two processes');
    process.kill(pids[0]!, 'SIGKILL');
    // A connection the primary hands to the dying worker before it hears of the death is lost.
    await until('the other worker answers', ready);
    await until('a third worker listens', () => workers() === 3);
    for (let i = 0; i < 4; i++) assert.ok(await ready());
  });

  it('on SIGTERM, stops every worker and exits 0', async () => {
    const exited = once(primary, 'exit');
    primary.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
    assert.ok(lines.some((l) => l.includes('stopping the workers')));
  });
});
