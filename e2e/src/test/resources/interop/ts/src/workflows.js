'use strict';
// Workflows that the JVM client drives across the SDK boundary. Plain CommonJS: the worker's bundler loads it as is.
const {
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
} = require('@temporalio/workflow');

const { compose } = proxyActivities({ startToCloseTimeout: '10 seconds' });
const { breakDown } = proxyActivities({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

const addName = defineSignal('addName');
const finish = defineSignal('finish');
const names = defineQuery('names');
const setPunctuation = defineUpdate('setPunctuation');

/**
 * Collects names by signal until `finish`, lets an update change the punctuation, then composes the greeting in an
 * activity. Input `{ greeting: string, limit: number }`; result `{ text, count, names }`.
 */
async function collectGreetings(input) {
  const collected = [];
  let finished = false;
  let punctuation = '.';
  setHandler(addName, (name) => {
    collected.push(name);
  });
  setHandler(finish, () => {
    finished = true;
  });
  setHandler(names, () => collected.slice());
  setHandler(
    setPunctuation,
    (next) => {
      const previous = punctuation;
      punctuation = next;
      return previous;
    },
    {
      validator: (next) => {
        if (typeof next !== 'string' || next.length !== 1) {
          throw new Error(`punctuation must be one character, got ${JSON.stringify(next)}`);
        }
      },
    },
  );
  await condition(() => finished || collected.length >= input.limit);
  const text = await compose(input.greeting, collected, punctuation);
  return { text, count: collected.length, names: collected };
}

/** Fails with an application failure that carries a type, details and the non-retryable flag. */
async function failWithDetails(reason) {
  throw ApplicationFailure.create({
    message: `refused: ${reason}`,
    type: 'InteropRefusal',
    nonRetryable: true,
    details: [{ code: 42, reason }, 'second detail'],
  });
}

/** Runs an activity that fails once and for all; the activity failure propagates as the workflow's failure. */
async function failInActivity(item) {
  return await breakDown(item);
}

/** Runs the activity `price` of a worker on `taskQueue`, written with another SDK, and returns its result. */
async function priceElsewhere(taskQueue, order, unitPrice) {
  const { price } = proxyActivities({
    taskQueue,
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 1 },
  });
  return await price(order, unitPrice);
}

/** Waits forever; a cancellation request cancels the workflow. */
async function waitForCancel() {
  await condition(() => false);
}

module.exports = { collectGreetings, failWithDetails, failInActivity, priceElsewhere, waitForCancel };
