import { context, trace, SpanKind, TraceFlags, type Attributes, type Context as OtelContext, type Link, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SamplingDecision,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';

// The provider's own tracer, not the API's global proxy: a proxy keeps the first provider it
// reached, so a second startTracing in one process (tests) would record into a stopped one.
let active: Tracer | null = null;

/** Whether traces are being recorded: the instrumentation does nothing at all otherwise. */
export const tracingEnabled = () => active !== null;

/** The tracer of Stride's own spans while tracing is on (check tracingEnabled first). */
export const tracer = (): Tracer => active!;

/** The standard OTEL_TRACES_SAMPLER values (the OpenTelemetry specification's environment variables). */
export type SamplerName = 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';

export function samplerFor(name: SamplerName, ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}

/**
 * The configured sampler, except that a trace it drops is still recorded (not exported): a
 * request found slow at its end can then be kept whole (SlowTraceKeeper).
 */
class RecordEverySampler implements Sampler {
  constructor(private readonly inner: Sampler) {}
  shouldSample(parent: OtelContext, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const result = this.inner.shouldSample(parent, traceId, name, kind, attributes, links);
    return result.decision === SamplingDecision.NOT_RECORD ? { ...result, decision: SamplingDecision.RECORD } : result;
  }
  toString() {
    return `RecordEvery(${this.inner.toString()})`;
  }
}

const MAX_HELD_TRACES = 1_000;
const MAX_HELD_SPANS = 2_000;

/**
 * Sampled spans go to the exporting processor as they end. Spans of an unsampled trace are
 * held until its root span ends: when the request took `slowMs` or more, the whole trace is
 * exported all the same (SLOW_REQUEST_MS), else dropped. Bounded: a trace keeps at most
 * MAX_HELD_SPANS, and beyond MAX_HELD_TRACES open at once the oldest is dropped.
 */
class SlowTraceKeeper implements SpanProcessor {
  private readonly held = new Map<string, ReadableSpan[]>();
  constructor(
    private readonly exporting: SpanProcessor,
    private readonly exporter: SpanExporter,
    private readonly slowMs: number,
  ) {}

  onStart(span: Span & ReadableSpan, parent: OtelContext) {
    this.exporting.onStart(span, parent);
  }

  onEnd(span: ReadableSpan) {
    const { traceId, traceFlags } = span.spanContext();
    if (traceFlags & TraceFlags.SAMPLED) return this.exporting.onEnd(span);
    let spans = this.held.get(traceId);
    if (!spans) {
      // The oldest goes first: a span ending after its root (a read's COMMIT) opens a trace that never ends.
      if (this.held.size >= MAX_HELD_TRACES) this.held.delete(this.held.keys().next().value!);
      this.held.set(traceId, (spans = []));
    }
    if (spans.length < MAX_HELD_SPANS) spans.push(span);
    if (span.parentSpanContext && !span.parentSpanContext.isRemote) return;
    this.held.delete(traceId);
    const [seconds, nanos] = span.duration;
    if (seconds * 1_000 + nanos / 1e6 >= this.slowMs) this.exporter.export(spans, () => {});
  }

  forceFlush() {
    return this.exporting.forceFlush();
  }

  shutdown() {
    this.held.clear();
    return this.exporting.shutdown();
  }
}

export interface TracingOptions {
  exporter: SpanExporter;
  sampler: Sampler;
  /** Requests at least this long are exported whatever the sampler said (SLOW_REQUEST_MS). */
  slowRequestMs: number;
  /** Export in batches (production); tests and `npm run trace` export each span as it ends. */
  batch?: boolean;
}

/**
 * Registers the tracer provider and the async context that carries the active span through
 * a request. Until then (and after `stop`) tracing costs one boolean test per batch of loads
 * and per statement.
 */
export function startTracing(options: TracingOptions): { stop(): Promise<void>; flush(): Promise<void> } {
  const exporting = options.batch ? new BatchSpanProcessor(options.exporter) : new SimpleSpanProcessor(options.exporter);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'stride-api' }),
    sampler: new RecordEverySampler(options.sampler),
    spanProcessors: [new SlowTraceKeeper(exporting, options.exporter, options.slowRequestMs)],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  active = provider.getTracer('stride');
  return {
    flush: () => provider.forceFlush(),
    async stop() {
      active = null;
      await provider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}

/** Whether spans are recorded: a request answered before GraphQL would have none (cached-answers.ts). */
export const isTracing = (): boolean => active !== null;

/**
 * A loader's batch function, with a span per call (one per batch of keys, not per field) when
 * tracing is on.
 */
export function tracedBatch<K, C, R>(name: string, load: (keys: K[], ctx: C) => Promise<R>): (keys: K[], ctx: C) => Promise<R> {
  // `loadAttention` reads as `loader attention`.
  const spanName = `loader ${name.replace(/^load([A-Z])/, (_, first: string) => first.toLowerCase())}`;
  return (keys, ctx) => {
    if (!active) return load(keys, ctx);
    return active.startActiveSpan(spanName, { attributes: { 'stride.loader.keys': keys.length } }, (span) =>
      load(keys, ctx).finally(() => span.end()),
    );
  };
}
