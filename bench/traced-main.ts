import { AlwaysOnSampler, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../src/observability/tracing';
// main() reaches its first request long after this module's body below has run: tracing is on
// from the first statement on, as when main.ts starts it from OTEL_EXPORTER_OTLP_ENDPOINT.
import '../src/main';

// The API as `npm start` runs it, with every request traced (100% sampling) into an in-memory
// exporter emptied every second: what tracing itself costs, without a collector's network.
const exporter = new InMemorySpanExporter();
startTracing({ exporter, sampler: new AlwaysOnSampler(), slowRequestMs: Number.POSITIVE_INFINITY, batch: true });
setInterval(() => exporter.reset(), 1_000).unref();
