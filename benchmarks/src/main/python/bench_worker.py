"""A Temporal Python SDK worker driven by the benchmark harness over stdin/stdout.

Speaks the protocol of the JVM workers (dev.temporalkt.benchmarks.child.WorkerMain), one command per line:
``STATS`` answers ``STATS activities=N``; ``GC`` runs a full collection and answers ``GC activities=N``; ``STOP``
shuts the worker down and exits. ``READY runtime=...`` is printed once the worker runs. CPU time and RSS are read
by the harness from /proc/<pid>; there is no JVM heap, so no heap figure is reported.

Usage: python3 bench_worker.py TARGET NAMESPACE TASK_QUEUE CACHE_SIZE   (CACHE_SIZE 0 keeps the SDK default)
"""

import asyncio
import gc
import importlib.metadata
import os
import platform
import sys

from temporalio import activity
from temporalio.client import Client
from temporalio.worker import Worker

from bench_workflows import IdleWorkflow, SingleActivityWorkflow

activities_done = 0


@activity.defn(name="echo")
async def echo(input: str) -> str:
    """Returns its input; counted so the harness can see progress inside the worker."""
    global activities_done
    activities_done += 1
    return input


def reply(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def main(target: str, namespace: str, task_queue: str, cache_size: int) -> None:
    client = await Client.connect(target, namespace=namespace)
    options = {"max_cached_workflows": cache_size} if cache_size > 0 else {}
    worker = Worker(
        client,
        task_queue=task_queue,
        workflows=[IdleWorkflow, SingleActivityWorkflow],
        activities=[echo],
        **options,
    )
    running = asyncio.create_task(worker.run())
    await asyncio.sleep(0)
    runtime = f"Python-{platform.python_version()}+temporalio-{importlib.metadata.version('temporalio')}"
    reply(f"READY runtime={runtime}")
    loop = asyncio.get_running_loop()
    while True:
        read = loop.run_in_executor(None, sys.stdin.readline)
        done, _ = await asyncio.wait({read, running}, return_when=asyncio.FIRST_COMPLETED)
        if running in done:
            error = running.exception()
            reply(f"ERROR worker stopped: {error!r}")
            os._exit(1)  # the stdin reader thread is still blocked in readline
        line = read.result()
        command = line.strip()
        if not line or command == "STOP":
            break
        if command == "STATS":
            reply(f"STATS activities={activities_done}")
        elif command == "GC":
            gc.collect()
            reply(f"GC activities={activities_done}")
        else:
            reply(f"ERROR unknown command '{command}'")
    await worker.shutdown()
    reply("STOPPED")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: bench_worker.py TARGET NAMESPACE TASK_QUEUE CACHE_SIZE")
    try:
        asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
    except Exception as e:  # the harness reads the reason from stdout
        reply(f"ERROR {type(e).__name__}: {e}")
        raise
    sys.stdout.flush()
    os._exit(0)
