'use strict';
// A TypeScript SDK client for the JVM interop tests: starts one workflow, plays the given steps against it (signals,
// queries, updates, a cancellation request), waits for it to end and prints what happened as one JSON line.
// Usage: node src/client.js <address> <namespace> <taskQueue> <workflowType> <workflowId> <argsJson> [stepsJson]
// A step is {"signal": name, "args": [...]}, {"query": name, "args": [...]}, {"update": name, "args": [...]} or
// {"cancel": true}; queries and updates record their result (or error) in the output's "steps".
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

/** Plays one step against the workflow; returns the step with its result or error. */
async function play(handle, step) {
  const args = step.args || [];
  try {
    if (step.signal) {
      await handle.signal(step.signal, ...args);
      return step;
    }
    if (step.query) {
      return { ...step, result: await handle.query(step.query, ...args) };
    }
    if (step.update) {
      return { ...step, result: await handle.executeUpdate(step.update, { args }) };
    }
    if (step.cancel) {
      await handle.cancel();
      return step;
    }
  } catch (error) {
    return { ...step, error: describe(error) };
  }
  throw new Error(`unknown step ${JSON.stringify(step)}`);
}

async function main() {
  const [address, namespace, taskQueue, workflowType, workflowId, argsJson, stepsJson] = process.argv.slice(2);
  if (!address || !namespace || !taskQueue || !workflowType || !workflowId) {
    throw new Error('usage: node src/client.js <address> <namespace> <taskQueue> <workflowType> <workflowId> <argsJson> [stepsJson]');
  }
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    const handle = await client.workflow.start(workflowType, {
      taskQueue,
      workflowId,
      args: JSON.parse(argsJson || '[]'),
    });
    const steps = [];
    for (const step of JSON.parse(stepsJson || '[]')) {
      steps.push(await play(handle, step));
    }
    try {
      const result = await handle.result();
      console.log(JSON.stringify({ status: 'completed', result, steps }));
    } catch (error) {
      console.log(JSON.stringify({ status: 'failed', error: describe(error), steps }));
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
