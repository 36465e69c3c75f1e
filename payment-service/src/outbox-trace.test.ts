// The outbox carries the trace of the change that wrote a message to its delivery, even one the
// loop makes later, outside any request (scripts/src/tracing.test.ts follows a whole checkout).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOtlpReceiver } from '@dm/common/otlp-receiver';
import { createOutbox, enqueue, type OutboxDatabase } from '@dm/common/outbox';
import { createTestDatabase, silentLogger, type TestDatabase } from '@dm/common/testing';
import { inSpan, traceFields } from '@dm/common/trace-context';
import { migrationFolder } from '@dm/migrations/folders';

let test: TestDatabase<OutboxDatabase>;

before(async () => {
  test = await createTestDatabase<OutboxDatabase>('paytrace', migrationFolder('payments'));
});

after(async () => {
  await test.drop();
});

const storedContext = async (id: string) =>
  (await test.db.selectFrom('outbox').select('trace_context').where('id', '=', id).executeTakeFirstOrThrow()).trace_context;

describe('the outbox and traces', () => {
  it('with tracing off, a message stores no trace context and is delivered as before', async () => {
    let delivered = false;
    const outbox = createOutbox({
      db: test.db,
      handlers: {
        ping: async () => {
          delivered = true;
        },
      },
      logger: silentLogger,
    });
    const message = await enqueue(test.db, 'ping', {});
    assert.equal(await storedContext(message.id), null);
    await outbox.deliver(message.id);
    assert.ok(delivered);
  });

  it('with tracing on, a delivery by the loop continues the trace that wrote the message', async () => {
    const receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const { startTracing } = await import('@dm/common/tracing');
    const provider = startTracing('payment-service');
    try {
      let seen: ReturnType<typeof traceFields> = {};
      const outbox = createOutbox({
        db: test.db,
        handlers: {
          ping: async () => {
            seen = traceFields();
          },
        },
        logger: silentLogger,
      });
      const { writer, message } = await inSpan('pay', {}, async () => ({
        writer: traceFields(),
        message: await enqueue(test.db, 'ping', {}),
      }));
      assert.match(writer.trace_id ?? '', /^[0-9a-f]{32}$/);
      assert.deepEqual(await storedContext(message.id), { traceparent: `00-${writer.trace_id}-${writer.span_id}-01` });

      // Outside the request (no active span), as the loop delivers what the writer could not send.
      assert.deepEqual(traceFields(), {});
      await outbox.deliver(message.id);
      assert.equal(seen.trace_id, writer.trace_id, 'the delivery is part of the writer’s trace');
      await provider.forceFlush();
      const delivery = receiver.spans.find((s) => s.spanId === seen.span_id);
      assert.equal(delivery?.name, 'deliver ping');
      assert.equal(delivery?.parentSpanId, writer.span_id, 'a child of the span that wrote the message');
    } finally {
      await provider.shutdown();
      await receiver.close();
    }
  });
});
