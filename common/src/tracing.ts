import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { markTracingOn } from './trace-context.js';

// Probes and scrapes every few seconds would drown the traces people look for.
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * The OpenTelemetry SDK, loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set (see
 * tracing-register.ts). The standard OTEL_* variables apply: the exporter's endpoint and headers,
 * OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_SCHEDULE_DELAY. Spans are sent in batches over OTLP/HTTP;
 * context travels between services as W3C `traceparent`.
 */
export function startTracing(serviceName: string): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (a pod's name, the environment) win.
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? ''),
        // Background loops (outbox, sweeper, session pruning) start no trace of their own.
        requireParentforOutgoingSpans: true,
      }),
      // Only for the route, which names the server span (`GET /products/:idOrSlug`): a span per
      // middleware, router and handler would double the spans of every request.
      new ExpressInstrumentation({ ignoreLayersType: Object.values(ExpressLayerType) }),
      // The one HTTP client (http-client.ts) is an undici Pool: its requests carry `traceparent`.
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // Statements, not the pool's checkouts.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  markTracingOn(() => provider.forceFlush());
  return provider;
}
