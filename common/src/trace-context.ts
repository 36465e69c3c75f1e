import { context, propagation, ROOT_CONTEXT, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * What the rest of the code knows of tracing: only @opentelemetry/api, which does nothing until
 * `tracing-register` (preloaded with `node --import`) has started the SDK. With tracing off these
 * helpers cost a branch.
 */

let on = false;
let flush: (() => Promise<void>) | undefined;

/** Called once by tracing.ts when the SDK is started, with the SDK's flush. */
export function markTracingOn(forceFlush: () => Promise<void>): void {
  on = true;
  flush = forceFlush;
}

/** Sends the spans still batched, before the process exits; a collector that is down is given up on. */
export async function flushTraces(): Promise<void> {
  await flush?.().catch(() => {});
}

export function tracingOn(): boolean {
  return on;
}

/** The active span's ids, for a log line (pino mixin): nothing outside a traced request. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** The active trace as W3C headers (`traceparent`, `tracestate`), to store beside a message; null when untraced. */
export function currentTraceCarrier(): Record<string, string> | null {
  if (!on) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : null;
}

const tracer = trace.getTracer('@dm/common');

/**
 * Runs `fn` in a span: a child of the active span, or, given a stored carrier (an outbox message
 * delivered later by the loop), of the trace that wrote it, so the delivery continues that trace.
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number>, fn: () => Promise<T>, carrier?: unknown): Promise<T> {
  if (!on) return fn();
  const parent = carrier && typeof carrier === 'object' ? propagation.extract(ROOT_CONTEXT, carrier) : context.active();
  return tracer.startActiveSpan(name, { attributes }, parent, async (span: Span) => {
    try {
      return await fn();
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
