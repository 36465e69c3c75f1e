import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { freePortBlock } from './free-port.js';

const RANGE = '/proc/sys/net/ipv4/ip_local_port_range';

describe('freePortBlock', () => {
  it('answers a block of ports that can all be listened on, below the ports of outgoing connections', async (t) => {
    const size = 12;
    const base = await freePortBlock(size);
    if (existsSync(RANGE)) {
      const low = Number(readFileSync(RANGE, 'utf8').trim().split(/\s+/)[0]);
      assert.ok(base + size <= low, `block ${base}-${base + size - 1} reaches the ephemeral range from ${low}`);
    } else t.diagnostic(`${RANGE} is missing: the range is not checked on this system`);
    const servers = await Promise.all(
      Array.from({ length: size }, (_, i) => {
        const server = createServer();
        return new Promise<typeof server>((resolve, reject) => {
          server.once('error', reject);
          server.listen(base + i, '127.0.0.1', () => resolve(server));
        });
      }),
    );
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });
});
