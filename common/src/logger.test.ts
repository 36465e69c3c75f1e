import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The logger writes to stdout, so a child process serves one failing request and the test reads its lines.
const SCRIPT = `
import express from 'express';
import { createLogger, requestLogger } from ${JSON.stringify(fileURLToPath(new URL('./logger.js', import.meta.url)))};
const logger = createLogger('t', 'info');
const app = express();
app.use(requestLogger(logger));
app.get('/', (req, res) => {
  req.log.error({ err: Object.assign(new Error('the database is gone'), { code: '57P01' }) }, 'GET / failed');
  res.status(503).end();
});
const server = app.listen(0, '127.0.0.1', async () => {
  await fetch('http://127.0.0.1:' + server.address().port + '/');
  server.close();
});`;

describe('logger', () => {
  it("logs a request logger's error by its type, message and code, never as [object Object] nor with a stack", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> });
    const failed = lines.find((l) => l.msg === 'GET / failed');
    assert.deepEqual(failed?.err, { type: 'Error', message: 'the database is gone', code: '57P01' });
    assert.ok(!stdout.includes('at '), 'no stack trace');
  });
});
