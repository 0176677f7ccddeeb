'use strict';
// Records the TypeScript SDK histories that the JVM SDK's ForeignSdkHistoriesSpec replays (see ../../README.md).
// Usage: node src/record-histories.js [--address HOST:PORT] [--namespace NS] [--out DIR] [scenario...]
// Runs workers and a client in this process against a running Temporal server (default: $TEMPORAL_ADDRESS or
// localhost:7233), plays each scenario to completion and writes its history as proto JSON (what
// `temporal workflow show --output json` writes) to DIR/typescript-<scenario>.json.
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { Client, Connection, WorkflowUpdateFailedError, WorkflowUpdateStage } = require('@temporalio/client');
const proto = require('@temporalio/proto');
const { patchProtobufRoot } = require('@temporalio/proto/lib/patch-protobuf-root');
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');
const activities = require('./activities');

const DEFAULT_OUT = path.resolve(__dirname, '../../../resources/histories/foreign');
const TASK_QUEUE = 'foreign-typescript';

// What `historyToJSON` of @temporalio/common does, with the protobufjs copy of @temporalio/proto: with this lock file
// npm gives @temporalio/common and @temporalio/proto separate copies of protobufjs, and `historyToJSON` then fails
// with "type must be a Type" (a type of one copy handed to the other's JSON printer).
const protojson = require(
  require.resolve('protobufjs/ext/protojson', { paths: [path.dirname(require.resolve('@temporalio/proto/package.json'))] }),
);
const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');

function historyToJSON(history) {
  return JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2);
}

async function handlers(client) {
  const handle = await client.workflow.start('ForeignTsHandlers', {
    args: [2],
    workflowId: 'typescript-handlers',
    taskQueue: TASK_QUEUE,
  });
  await handle.signal('add', 'apple');
  await assert.rejects(handle.executeUpdate('approve', { args: [' '] }), (e) => {
    assert.ok(e instanceof WorkflowUpdateFailedError, String(e));
    assert.match(e.cause.message, /approver must not be blank/);
    return true;
  });
  const update = await handle.startUpdate('approve', { args: ['ada'], waitForStage: WorkflowUpdateStage.ACCEPTED });
  await handle.signal('add', 'banana');
  assert.equal(await update.result(), 'approved by ada');
  await handle.signal('close');
  return await handle.result();
}

async function earlyMessages(client, connection, namespace) {
  // no worker polls this task queue yet: the start signal, a second signal and an update wait for the first task
  const taskQueue = `${TASK_QUEUE}-early`;
  const handle = await client.workflow.signalWithStart('ForeignTsEarlyMessages', {
    workflowId: 'typescript-early-messages',
    taskQueue,
    signal: 'add',
    signalArgs: ['first'],
  });
  await handle.signal('add', 'second');
  const update = handle.executeUpdate('reserve', { args: ['seat'] });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  return await worker.runUntil(async () => {
    assert.equal(await update, 4);
    return await handle.result();
  });
}

async function sameTask(client, connection, namespace) {
  // the first workflow task starts the timer; the worker stops; the timer fires and a signal arrives while no worker
  // polls, so one workflow task resolves both
  const taskQueue = `${TASK_QUEUE}-same-task`;
  const worker = () =>
    Worker.create({
      connection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities,
      maxCachedWorkflows: 0,
    });
  const handle = await (
    await worker()
  ).runUntil(async () => {
    const started = await client.workflow.start('ForeignTsSameTask', { workflowId: 'typescript-same-task', taskQueue });
    await waitForEvent(started, 'timerStartedEventAttributes');
    return started;
  });
  await waitForEvent(handle, 'timerFiredEventAttributes');
  await handle.signal('poke', 'abc');
  return await (await worker()).runUntil(handle.result());
}

async function waitForEvent(handle, attributes) {
  for (let i = 0; i < 200; i++) {
    const history = await handle.fetchHistory();
    if (history.events.some((e) => e[attributes])) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${handle.workflowId} has no event with ${attributes}`);
}

async function order(client) {
  return await client.workflow.execute('ForeignTsOrder', {
    args: ['ada'],
    workflowId: 'typescript-order',
    taskQueue: TASK_QUEUE,
  });
}

async function patches(client) {
  return await client.workflow.execute('ForeignTsPatches', {
    args: ['ada'],
    workflowId: 'typescript-patches',
    taskQueue: TASK_QUEUE,
  });
}

async function patchesBefore(client, connection, namespace) {
  // the code before the patch runs on a worker of its own task queue
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue: `${TASK_QUEUE}-before`,
    workflowsPath: require.resolve('./workflows-before'),
    activities,
  });
  return await worker.runUntil(
    client.workflow.execute('ForeignTsPatches', {
      args: ['ada'],
      workflowId: 'typescript-patches-before',
      taskQueue: `${TASK_QUEUE}-before`,
    }),
  );
}

const SCENARIOS = { handlers, 'early-messages': earlyMessages, 'same-task': sameTask, order, patches, 'patches-before': patchesBefore };

function parseArgs(argv) {
  const options = {
    address: process.env.TEMPORAL_ADDRESS || 'localhost:7233',
    namespace: process.env.TEMPORAL_NAMESPACE || 'default',
    out: DEFAULT_OUT,
    scenarios: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--address' || flag === '--namespace' || flag === '--out') options[flag.slice(2)] = argv[++i];
    else if (flag in SCENARIOS) options.scenarios.push(flag);
    else throw new Error(`unknown argument ${flag}; scenarios: ${Object.keys(SCENARIOS).join(', ')}`);
  }
  if (options.scenarios.length === 0) options.scenarios = Object.keys(SCENARIOS);
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const workerConnection = await NativeConnection.connect({ address: options.address });
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: options.namespace });
  fs.mkdirSync(options.out, { recursive: true });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: options.namespace,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  await worker.runUntil(async () => {
    for (const name of options.scenarios) {
      const result = await SCENARIOS[name](client, workerConnection, options.namespace);
      const history = await client.workflow.getHandle(`typescript-${name}`).fetchHistory();
      const last = history.events[history.events.length - 1];
      assert.ok(last.workflowExecutionCompletedEventAttributes, `typescript-${name} did not complete`);
      const file = path.join(options.out, `typescript-${name}.json`);
      fs.writeFileSync(file, historyToJSON(history) + '\n');
      console.log(`${path.basename(file)}: ${history.events.length} events, result ${JSON.stringify(result)}`);
    }
  });
  await connection.close();
  await workerConnection.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
