import getPort from 'get-port';

/** The first of `size` consecutive free ports (the stack takes base, base + 1, …), so two runs on one machine do not collide. */
export async function freePortBlock(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    // get-port answers the port asked for when it is free, and another one when it is not.
    const ports = await Promise.all(Array.from({ length: size }, (_, i) => getPort({ port: base + i, host: '127.0.0.1' })));
    if (ports.every((port, i) => port === base + i)) return base;
  }
  throw new Error('no block of free ports found');
}
