'use strict';
// Workflows whose histories the JVM SDK replays (see ../../README.md). Plain CommonJS: the worker's bundler loads it
// as is. Every name (workflow type = function name, activity, signal, update) is explicit, so the Kotlin equivalents
// in coroutines/src/test/kotlin/dev/temporalkt/worker/replay/ForeignSdkWorkflows.kt can use the same ones. Child
// workflow ids are derived from the parent's id: a default child id comes from the SDK's own random generator.
const {
  allHandlersFinished,
  condition,
  defineSignal,
  defineUpdate,
  deprecatePatch,
  executeChild,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} = require('@temporalio/workflow');

const { foreign_echo, foreign_length } = proxyActivities({ startToCloseTimeout: '10 seconds' });
const { foreign_lookup } = proxyLocalActivities({ startToCloseTimeout: '10 seconds' });

const add = defineSignal('add');
const close = defineSignal('close');
const poke = defineSignal('poke');
const approve = defineUpdate('approve');
const reserve = defineUpdate('reserve');

/**
 * Signal and update handlers that wait (on timers, conditions and activities) while the run function waits on a
 * condition with a timeout (its timer is cancelled when the condition holds).
 */
async function ForeignTsHandlers(expected) {
  const items = [];
  let closed = false;
  let approver = '';
  setHandler(add, async (item) => {
    await sleep('1 second');
    items.push(item);
  });
  setHandler(close, () => {
    closed = true;
  });
  setHandler(
    approve,
    async (who) => {
      await condition(() => items.length >= 1);
      const echoed = await foreign_echo(`approved by ${who}`);
      approver = who;
      return echoed;
    },
    {
      validator: (who) => {
        if (!who.trim()) throw new Error('approver must not be blank');
      },
    },
  );
  const inTime = await condition(() => items.length >= expected, '1 hour');
  const checked = await foreign_echo(`${items.length} items in time: ${inTime}`);
  await condition(() => closed && allHandlersFinished());
  return `${checked}; approved by ${approver}; items ${items.join(',')}`;
}

/** Started with a signal, with another signal and an update waiting: the first activation holds them all. */
async function ForeignTsEarlyMessages() {
  const items = [];
  const log = [];
  setHandler(add, async (item) => {
    await sleep('1 second');
    items.push(item);
    log.push(`signal ${item}`);
  });
  setHandler(reserve, async (item) => {
    const length = await foreign_length(item);
    log.push(`update ${length}`);
    return length;
  });
  log.push(await foreign_echo('main'));
  await condition(() => items.length >= 2 && allHandlersFinished());
  return log;
}

/** A signal and the main function's timer resolved in one workflow task; the handler waits on a condition. */
async function ForeignTsSameTask() {
  let ready = false;
  const log = [];
  setHandler(poke, async (label) => {
    await condition(() => ready);
    log.push(`handler ${await foreign_length(label)}`);
  });
  ready = true;
  await sleep('1 second');
  log.push(await foreign_echo('main'));
  await condition(() => log.length >= 2 && allHandlersFinished());
  return log;
}

/** A timer, a local activity, parallel activities, two children in parallel and one more, with explicit ids. */
async function ForeignTsOrder(name) {
  await sleep('1 second');
  const lookedUp = await foreign_lookup(name);
  const [left, right] = await Promise.all([foreign_echo(`left ${name}`), foreign_length(`right ${name}`)]);
  const parentId = workflowInfo().workflowId;
  const children = await Promise.all(
    [1, 2].map((i) => executeChild(ForeignTsChild, { workflowId: `${parentId}-child-${i}`, args: [`c${i}`] })),
  );
  const last = await startChild(ForeignTsChild, { workflowId: `${parentId}-child-last`, args: ['last'] });
  const lastResult = await last.result();
  return `${lookedUp}|${left}|${right}|${children.join(',')}|${lastResult}`;
}

async function ForeignTsChild(label) {
  await sleep(200);
  return await foreign_echo(`child ${label}`);
}

/** The patched code: records the markers of patch 'ts-new-greeting' and deprecated patch 'ts-retired'. */
async function ForeignTsPatches(name) {
  deprecatePatch('ts-retired');
  await sleep(200);
  let greeting;
  if (patched('ts-new-greeting')) {
    greeting = await foreign_echo(`new ${name}`);
  } else {
    greeting = `old greeting of length ${await foreign_length(`old ${name}`)}`;
  }
  await sleep(200);
  return greeting;
}

module.exports = { ForeignTsHandlers, ForeignTsEarlyMessages, ForeignTsSameTask, ForeignTsOrder, ForeignTsChild, ForeignTsPatches };
