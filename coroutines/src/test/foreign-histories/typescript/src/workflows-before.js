'use strict';
// ForeignTsPatches before its patch, recorded on a task queue of its own: its history has no patch marker.
const { proxyActivities, sleep } = require('@temporalio/workflow');

const { foreign_length } = proxyActivities({ startToCloseTimeout: '10 seconds' });

async function ForeignTsPatches(name) {
  await sleep(200);
  const greeting = `old greeting of length ${await foreign_length(`old ${name}`)}`;
  await sleep(200);
  return greeting;
}

module.exports = { ForeignTsPatches };
