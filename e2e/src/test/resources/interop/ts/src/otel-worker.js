'use strict';
// A TypeScript SDK worker traced with @temporalio/interceptors-opentelemetry, for the JVM tracing interop tests.
// Usage: node src/otel-worker.js <address> <namespace> <taskQueue>
// Runs the workflows of src/otel-workflows.js and prints every finished span as one line
// `otel span: {"name":…,"traceId":…,"spanId":…,"parentSpanId":…,"kind":…}`. Prints one readiness line when it starts
// polling, and shuts down on SIGINT/SIGTERM or when its stdin is closed.
const { NativeConnection, Worker, Runtime, DefaultLogger } = require('@temporalio/worker');
const { OpenTelemetryPlugin } = require('@temporalio/interceptors-opentelemetry');
const { Resource } = require('@opentelemetry/resources');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { ExportResultCode } = require('@opentelemetry/core');

/** A span exporter that writes each span to stdout as one JSON line. */
class JsonLineExporter {
  export(spans, resultCallback) {
    for (const span of spans) {
      const context = span.spanContext();
      const line = {
        name: span.name,
        traceId: context.traceId,
        spanId: context.spanId,
        parentSpanId: span.parentSpanId || null,
        kind: span.kind,
      };
      console.log(`otel span: ${JSON.stringify(line)}`);
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  async shutdown() {}

  async forceFlush() {}
}

async function main() {
  const [address, namespace, taskQueue] = [
    process.argv[2] || process.env.TEMPORAL_ADDRESS,
    process.argv[3] || process.env.TEMPORAL_NAMESPACE || 'default',
    process.argv[4] || process.env.TEMPORAL_TASK_QUEUE,
  ];
  if (!address || !taskQueue) {
    throw new Error('usage: node src/otel-worker.js <address> <namespace> <taskQueue>');
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const tracing = new OpenTelemetryPlugin({
    resource: new Resource({ 'service.name': 'temporal-kt-interop-ts' }),
    spanProcessor: new SimpleSpanProcessor(new JsonLineExporter()),
  });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('./otel-workflows'),
    plugins: [tracing],
  });
  const running = worker.run();
  process.stdin.on('end', () => worker.shutdown());
  process.stdin.on('error', () => worker.shutdown());
  process.stdin.resume();
  console.log(`interop worker ready: ${JSON.stringify({ address, namespace, taskQueue })}`);
  await running;
  await connection.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
