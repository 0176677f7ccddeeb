'use strict';
// Workflows of the traced TypeScript worker (src/otel-worker.js).
const { proxyActivities } = require('@temporalio/workflow');

/** Runs the activity `greet` of a worker on `activityQueue` (a Kotlin worker in the tests) and returns its result. */
async function tracedRelay(activityQueue, name) {
  const { greet } = proxyActivities({ taskQueue: activityQueue, startToCloseTimeout: '10s' });
  return await greet(name);
}

module.exports = { tracedRelay };
