'use strict';
// A TypeScript SDK client for the JVM interop tests: runs one workflow and prints how it ended as one JSON line.
// Usage: node src/client.js <address> <namespace> <taskQueue> <workflowType> <workflowId> <argsJson>
const { Client, Connection } = require('@temporalio/client');

/** The fields of an error and its cause chain, as the TypeScript SDK decoded them. */
function describe(error) {
  if (error === undefined || error === null) return null;
  const described = { name: error.constructor ? error.constructor.name : typeof error, message: error.message };
  for (const field of ['type', 'nonRetryable', 'details', 'activityType', 'workflowId', 'retryState']) {
    if (error[field] !== undefined) described[field] = error[field];
  }
  described.cause = describe(error.cause);
  return described;
}

async function main() {
  const [address, namespace, taskQueue, workflowType, workflowId, argsJson] = process.argv.slice(2);
  if (!address || !namespace || !taskQueue || !workflowType || !workflowId) {
    throw new Error('usage: node src/client.js <address> <namespace> <taskQueue> <workflowType> <workflowId> <argsJson>');
  }
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    const handle = await client.workflow.start(workflowType, {
      taskQueue,
      workflowId,
      args: JSON.parse(argsJson || '[]'),
    });
    try {
      const result = await handle.result();
      console.log(JSON.stringify({ status: 'completed', runId: handle.firstExecutionRunId, result }));
    } catch (error) {
      console.log(JSON.stringify({ status: 'failed', runId: handle.firstExecutionRunId, error: describe(error) }));
    }
  } finally {
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
