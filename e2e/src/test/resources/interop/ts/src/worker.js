'use strict';
// A TypeScript SDK worker for the JVM interop tests.
// Usage: node src/worker.js <address> <namespace> <taskQueue>
// (or TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE). Prints one readiness line when it starts polling,
// and shuts down on SIGINT/SIGTERM or when its stdin is closed.
const { NativeConnection, Worker, Runtime, DefaultLogger } = require('@temporalio/worker');
const activities = require('./activities');

async function main() {
  const [address, namespace, taskQueue] = [
    process.argv[2] || process.env.TEMPORAL_ADDRESS,
    process.argv[3] || process.env.TEMPORAL_NAMESPACE || 'default',
    process.argv[4] || process.env.TEMPORAL_TASK_QUEUE,
  ];
  if (!address || !taskQueue) {
    throw new Error('usage: node src/worker.js <address> <namespace> <taskQueue>');
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  const running = worker.run();
  // The process that started this worker holds our stdin open; when it goes away, stop polling and exit.
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
