'use strict';
// Activities of the TypeScript worker.
const { ApplicationFailure } = require('@temporalio/common');

/** Joins a greeting, names and punctuation into one sentence. */
async function compose(greeting, names, punctuation) {
  return `${greeting}, ${names.join(' and ')}${punctuation}`;
}

/** Fails with a non-retryable application failure caused by a plain JavaScript error. */
async function breakDown(item) {
  const cause = new RangeError(`${item} is out of range`);
  throw ApplicationFailure.create({
    message: `cannot process ${item}`,
    type: 'ProcessingError',
    nonRetryable: true,
    details: [item],
    cause,
  });
}

module.exports = { compose, breakDown };
