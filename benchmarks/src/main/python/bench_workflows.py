"""Benchmark workflows in the Temporal Python SDK, issuing the same commands as the temporal-kt and Java SDK ones.

They live in their own module (not the worker script) so the workflow sandbox can re-import them.
"""

from datetime import timedelta

from temporalio import workflow

ACTIVITY_TIMEOUT = timedelta(seconds=60)


@workflow.defn(name="BenchIdle")
class IdleWorkflow:
    """Runs one activity, then waits (cached, idle) until released by a signal."""

    def __init__(self) -> None:
        self._released = False

    @workflow.run
    async def run(self, input: str) -> str:
        result = await workflow.execute_activity("echo", input, result_type=str, start_to_close_timeout=ACTIVITY_TIMEOUT)
        await workflow.wait_condition(lambda: self._released)
        return result

    @workflow.signal(name="release")
    def release(self) -> None:
        self._released = True


@workflow.defn(name="BenchSingleActivity")
class SingleActivityWorkflow:
    """Runs one activity and returns its result."""

    @workflow.run
    async def run(self, input: str) -> str:
        return await workflow.execute_activity("echo", input, result_type=str, start_to_close_timeout=ACTIVITY_TIMEOUT)
