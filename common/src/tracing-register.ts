/**
 * Preloaded before a service's own code (`node --import @dm/common/tracing-register
 * <service>/dist/main.js`), so that http, express and pg are patched as they load. Without
 * OTEL_EXPORTER_OTLP_ENDPOINT it does nothing: no SDK loaded, no loader hook registered.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';

/** The name of the workspace that holds the main script (`@dm/order-service` → `order-service`); OTEL_SERVICE_NAME overrides it. */
function serviceName(): string {
  let dir = path.dirname(path.resolve(process.argv[1] ?? '.'));
  for (;;) {
    try {
      const { name } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (name) return name.replace(/^@[^/]+\//, '');
    } catch {
      // no package.json here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown_service:node';
    dir = parent;
  }
}

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  // A CommonJS package imported from ESM (express, from service.ts) is only seen by a loader
  // hook: import-in-the-middle's, told to wrap just the modules an instrumentation asks for.
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const { startTracing } = await import('./tracing.js');
  startTracing(serviceName());
  await waitForAllMessagesAcknowledged();
}
