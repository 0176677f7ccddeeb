"""Workflows whose histories the JVM SDK replays (see ../README.md).

Every name (workflow type, activity, signal, update) is explicit, so the Kotlin equivalents in
coroutines/src/test/kotlin/dev/temporalkt/worker/replay/ForeignSdkWorkflows.kt can use the same ones. Child workflow
ids are derived from the parent's id: a default child id comes from the SDK's own random generator.
"""

from datetime import timedelta
import asyncio

from temporalio import workflow

ACTIVITY_TIMEOUT = timedelta(seconds=10)


@workflow.defn(name="ForeignPyHandlers")
class ForeignPyHandlers:
    """Signal and update handlers that wait (on timers, conditions and activities) while the run function waits."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.closed = False
        self.approver = ""

    @workflow.run
    async def run(self, expected: int) -> str:
        await workflow.wait_condition(lambda: len(self.items) >= expected)
        checked = await workflow.execute_activity(
            "foreign_echo", f"{len(self.items)} items", start_to_close_timeout=ACTIVITY_TIMEOUT
        )
        await workflow.wait_condition(lambda: self.closed and workflow.all_handlers_finished())
        return f"{checked}; approved by {self.approver}; items {','.join(self.items)}"

    @workflow.signal(name="add")
    async def add(self, item: str) -> None:
        await workflow.sleep(timedelta(seconds=1))
        self.items.append(item)

    @workflow.update(name="approve")
    async def approve(self, approver: str) -> str:
        await workflow.wait_condition(lambda: len(self.items) >= 1)
        echoed = await workflow.execute_activity(
            "foreign_echo", f"approved by {approver}", start_to_close_timeout=ACTIVITY_TIMEOUT
        )
        self.approver = approver
        return echoed

    @approve.validator
    def validate_approve(self, approver: str) -> None:
        if not approver.strip():
            raise ValueError("approver must not be blank")

    @workflow.signal(name="close")
    def close(self) -> None:
        self.closed = True


@workflow.defn(name="ForeignPyEarlyMessages")
class ForeignPyEarlyMessages:
    """Started with a signal, with another signal and an update waiting: the first activation holds them all."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.log: list[str] = []

    @workflow.run
    async def run(self) -> list[str]:
        self.log.append(
            await workflow.execute_activity("foreign_echo", "main", start_to_close_timeout=ACTIVITY_TIMEOUT)
        )
        await workflow.wait_condition(lambda: len(self.items) >= 2 and workflow.all_handlers_finished())
        return self.log

    @workflow.signal(name="add")
    async def add(self, item: str) -> None:
        await workflow.sleep(timedelta(seconds=1))
        self.items.append(item)
        self.log.append(f"signal {item}")

    @workflow.update(name="reserve")
    async def reserve(self, item: str) -> int:
        length = await workflow.execute_activity("foreign_length", item, start_to_close_timeout=ACTIVITY_TIMEOUT)
        self.log.append(f"update {length}")
        return length


@workflow.defn(name="ForeignPySameTask")
class ForeignPySameTask:
    """A signal and the main function's timer resolved in one workflow task; the handler waits on a condition."""

    def __init__(self) -> None:
        self.ready = False
        self.log: list[str] = []

    @workflow.run
    async def run(self) -> list[str]:
        self.ready = True
        await workflow.sleep(timedelta(seconds=1))
        self.log.append(
            await workflow.execute_activity("foreign_echo", "main", start_to_close_timeout=ACTIVITY_TIMEOUT)
        )
        await workflow.wait_condition(lambda: len(self.log) >= 2 and workflow.all_handlers_finished())
        return self.log

    @workflow.signal(name="poke")
    async def poke(self, label: str) -> None:
        await workflow.wait_condition(lambda: self.ready)
        length = await workflow.execute_activity("foreign_length", label, start_to_close_timeout=ACTIVITY_TIMEOUT)
        self.log.append(f"handler {length}")


@workflow.defn(name="ForeignPyActivities")
class ForeignPyActivities:
    """Timers, an activity, parallel activities, local activities and a condition that times out."""

    @workflow.run
    async def run(self, name: str) -> str:
        await workflow.sleep(timedelta(seconds=1))
        greeting = await workflow.execute_activity(
            "foreign_echo", f"hello {name}", start_to_close_timeout=ACTIVITY_TIMEOUT
        )
        parts = await asyncio.gather(
            workflow.execute_activity("foreign_echo", "left", start_to_close_timeout=ACTIVITY_TIMEOUT),
            workflow.execute_activity("foreign_echo", "middle", start_to_close_timeout=ACTIVITY_TIMEOUT),
            workflow.execute_activity("foreign_length", "right", start_to_close_timeout=ACTIVITY_TIMEOUT),
        )
        looked_up = await workflow.execute_local_activity(
            "foreign_lookup", name, start_to_close_timeout=ACTIVITY_TIMEOUT
        )
        timed_out = not await _condition_within(lambda: False, timedelta(milliseconds=500))
        looked_up_again = await workflow.execute_local_activity(
            "foreign_lookup", f"{name} again", start_to_close_timeout=ACTIVITY_TIMEOUT
        )
        return f"{greeting}|{parts[0]}|{parts[1]}|{parts[2]}|{looked_up}|{timed_out}|{looked_up_again}"


async def _condition_within(predicate, timeout: timedelta) -> bool:
    try:
        await workflow.wait_condition(predicate, timeout=timeout)
        return True
    except asyncio.TimeoutError:
        return False


@workflow.defn(name="ForeignPyChild")
class ForeignPyChild:
    @workflow.run
    async def run(self, label: str) -> str:
        await workflow.sleep(timedelta(milliseconds=200))
        return await workflow.execute_activity(
            "foreign_echo", f"child {label}", start_to_close_timeout=ACTIVITY_TIMEOUT
        )


@workflow.defn(name="ForeignPyParent")
class ForeignPyParent:
    """Two children in parallel, then one more, each with an id derived from the parent's."""

    @workflow.run
    async def run(self, count: int) -> list[str]:
        parent_id = workflow.info().workflow_id
        first = await asyncio.gather(
            *(
                workflow.execute_child_workflow(ForeignPyChild.run, f"c{i}", id=f"{parent_id}-child-{i}")
                for i in range(1, count + 1)
            )
        )
        last = await workflow.execute_child_workflow(
            ForeignPyChild.run, "last", id=f"{parent_id}-child-last"
        )
        return [*first, last]


@workflow.defn(name="ForeignPyPatches")
class ForeignPyPatches:
    """The patched code: records the markers of patch 'py-new-greeting' and deprecated patch 'py-retired'."""

    @workflow.run
    async def run(self, name: str) -> str:
        workflow.deprecate_patch("py-retired")
        await workflow.sleep(timedelta(milliseconds=200))
        if workflow.patched("py-new-greeting"):
            greeting = await workflow.execute_activity(
                "foreign_echo", f"new {name}", start_to_close_timeout=ACTIVITY_TIMEOUT
            )
        else:
            length = await workflow.execute_activity(
                "foreign_length", f"old {name}", start_to_close_timeout=ACTIVITY_TIMEOUT
            )
            greeting = f"old greeting of length {length}"
        await workflow.sleep(timedelta(milliseconds=200))
        return greeting


@workflow.defn(name="ForeignPyPatches")
class ForeignPyPatchesBefore:
    """The same workflow type before the patch (recorded on its own task queue): no patch marker in history."""

    @workflow.run
    async def run(self, name: str) -> str:
        await workflow.sleep(timedelta(milliseconds=200))
        length = await workflow.execute_activity(
            "foreign_length", f"old {name}", start_to_close_timeout=ACTIVITY_TIMEOUT
        )
        await workflow.sleep(timedelta(milliseconds=200))
        return f"old greeting of length {length}"
