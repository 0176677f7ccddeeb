"""Records the Python SDK histories that the JVM SDK's ForeignSdkHistoriesSpec replays.

Usage (see ../README.md):  python3 record_histories.py [--address HOST:PORT] [--namespace NS] [--out DIR]

Runs a worker and a client in this process against a running Temporal server (default: $TEMPORAL_ADDRESS or
localhost:7233), plays each scenario to completion and writes its history as proto JSON (what
`temporal workflow show --output json` writes) to DIR/python-<scenario>.json.
"""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from temporalio import activity
from temporalio.client import Client, WorkflowUpdateFailedError, WorkflowUpdateStage
from temporalio.worker import Worker

sys.path.insert(0, str(Path(__file__).parent))
import foreign_workflows as wf  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "resources" / "histories" / "foreign"
TASK_QUEUE = "foreign-python"


@activity.defn(name="foreign_echo")
async def foreign_echo(text: str) -> str:
    return text


@activity.defn(name="foreign_length")
async def foreign_length(text: str) -> int:
    return len(text)


@activity.defn(name="foreign_lookup")
async def foreign_lookup(name: str) -> str:
    return f"looked up {name}"


ACTIVITIES = [foreign_echo, foreign_length, foreign_lookup]


async def handlers(client: Client) -> str:
    handle = await client.start_workflow("ForeignPyHandlers", 2, id="python-handlers", task_queue=TASK_QUEUE)
    try:
        await handle.execute_update("approve", " ")
        raise AssertionError("the blank approver was accepted")
    except WorkflowUpdateFailedError as e:
        assert "approver must not be blank" in str(e.cause), e.cause
    update = await handle.start_update("approve", "ada", wait_for_stage=WorkflowUpdateStage.ACCEPTED)
    await handle.signal("add", "apple")
    await handle.signal("add", "banana")
    assert await update.result() == "approved by ada"
    await handle.signal("close")
    return await handle.result()


async def early_messages(client: Client) -> list:
    # no worker polls this task queue yet: the start signal, a second signal and an update wait for the first task
    task_queue = TASK_QUEUE + "-early"
    handle = await client.start_workflow(
        "ForeignPyEarlyMessages", id="python-early-messages", task_queue=task_queue,
        start_signal="add", start_signal_args=["first"],
    )
    await handle.signal("add", "second")
    update = asyncio.create_task(handle.execute_update("reserve", "seat"))
    await asyncio.sleep(1)
    async with Worker(client, task_queue=task_queue, workflows=[wf.ForeignPyEarlyMessages], activities=ACTIVITIES):
        assert await update == 4
        return await handle.result()


async def same_task(client: Client) -> list:
    # the first workflow task starts the timer; the worker stops; the timer fires and a signal arrives while no
    # worker polls, so one workflow task resolves both
    task_queue = TASK_QUEUE + "-same-task"

    def worker() -> Worker:
        return Worker(
            client, task_queue=task_queue, workflows=[wf.ForeignPySameTask], activities=ACTIVITIES, max_cached_workflows=0
        )

    async with worker():
        handle = await client.start_workflow("ForeignPySameTask", id="python-same-task", task_queue=task_queue)
        await wait_for_event(handle, "timer_started_event_attributes")
    await wait_for_event(handle, "timer_fired_event_attributes")
    await handle.signal("poke", "abc")
    async with worker():
        return await handle.result()


async def wait_for_event(handle, attributes: str) -> None:
    for _ in range(200):
        if any(e.HasField(attributes) for e in (await handle.fetch_history()).events):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{handle.id} has no event with {attributes}")


async def activities(client: Client) -> str:
    return await client.execute_workflow("ForeignPyActivities", "ada", id="python-activities", task_queue=TASK_QUEUE)


async def children(client: Client) -> list:
    return await client.execute_workflow("ForeignPyParent", 2, id="python-children", task_queue=TASK_QUEUE)


async def patches(client: Client) -> str:
    return await client.execute_workflow("ForeignPyPatches", "ada", id="python-patches", task_queue=TASK_QUEUE)


async def patches_before(client: Client) -> str:
    # the code before the patch runs on a worker of its own task queue
    async with Worker(client, task_queue=TASK_QUEUE + "-before", workflows=[wf.ForeignPyPatchesBefore], activities=ACTIVITIES):
        return await client.execute_workflow(
            "ForeignPyPatches", "ada", id="python-patches-before", task_queue=TASK_QUEUE + "-before"
        )


SCENARIOS = {
    "handlers": handlers,
    "early-messages": early_messages,
    "same-task": same_task,
    "activities": activities,
    "children": children,
    "patches": patches,
    "patches-before": patches_before,
}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default=os.environ.get("TEMPORAL_ADDRESS", "localhost:7233"))
    parser.add_argument("--namespace", default=os.environ.get("TEMPORAL_NAMESPACE", "default"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("scenarios", nargs="*", default=list(SCENARIOS), help="scenarios to record (default: all)")
    args = parser.parse_args()
    client = await Client.connect(args.address, namespace=args.namespace)
    args.out.mkdir(parents=True, exist_ok=True)
    workflows = [wf.ForeignPyHandlers, wf.ForeignPyActivities, wf.ForeignPyChild, wf.ForeignPyParent, wf.ForeignPyPatches]
    async with Worker(client, task_queue=TASK_QUEUE, workflows=workflows, activities=ACTIVITIES):
        for name in args.scenarios:
            result = await SCENARIOS[name](client)
            history = await client.get_workflow_handle(f"python-{name}").fetch_history()
            last = history.events[-1]
            assert last.HasField("workflow_execution_completed_event_attributes"), f"python-{name} did not complete"
            path = args.out / f"python-{name}.json"
            path.write_text(history.to_json() + "\n")
            print(f"{path.name}: {len(history.events)} events, result {json.dumps(result)}")


if __name__ == "__main__":
    asyncio.run(main())
