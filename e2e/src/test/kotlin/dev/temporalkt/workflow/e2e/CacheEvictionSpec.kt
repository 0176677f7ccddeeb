package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds

/** Adds up the numbers it is signalled, each after a short timer, and returns the sum once it got [run]'s count. */
@Workflow(name = "E2eCounter")
class CounterWorkflow {
    private var sum = 0
    private var received = 0

    @WorkflowRun
    suspend fun run(expected: Int): Int {
        Workflow.waitCondition { received == expected }
        return sum
    }

    @Signal
    suspend fun add(n: Int) {
        Workflow.sleep(10.milliseconds)
        sum += n
        received++
    }
}

/** Swallows every throwable around its sleep, the eviction's included, until the test lets it go. */
@Workflow(name = "E2eStubborn")
class StubbornWorkflow {
    @WorkflowRun
    suspend fun run() {
        while (!release) {
            try {
                Workflow.sleep(1.hours)
            } catch (t: Throwable) {
                // swallowed
            }
        }
    }

    companion object {
        @Volatile
        var release = false
    }
}

/** Waits for a signal. */
@Workflow(name = "E2eWaiter")
class WaiterWorkflow {
    private var done = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { done }
        return "done"
    }

    @Signal
    fun finish() {
        done = true
    }
}

/** A worker's run cache under load: runs pushed out of a small cache while their tasks and signals keep arriving. */
class CacheEvictionSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: 24 runs on a worker caching 2, with 4 pollers and signals arriving while runs are evicted, all complete without a failed task") {
            val options = WorkerOptions(maxCachedWorkflows = 2, workflowTaskPollers = 4)
            server.withWorker(listOf(CounterWorkflow::class), options = options) {
                val handles = userActs {
                    val handles = (1..24).map { client.startWorkflow<Int>("E2eCounter", 3, options = options("counter")) }
                    coroutineScope {
                        for ((i, handle) in handles.withIndex()) {
                            launch { for (k in 1..3) handle.signal("add", i * 10 + k) }
                        }
                    }
                    handles
                }
                val results = coroutineScope { handles.map { async { it.result() } }.awaitAll() }
                results shouldBe handles.indices.map { i -> 3 * i * 10 + 6 }
                for (handle in handles) {
                    val types = eventTypes(handle)
                    types.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe 0
                    types.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT } shouldBe 0
                    types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 3
                    types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                    replay(handle)
                }
            }
        }

        test("${server.name}: a run whose code does not stop when evicted does not hold up the run that pushed it out") {
            StubbornWorkflow.release = false
            // no deadlock detection: before evictions were torn down in the background, the stuck teardown blocked
            // the completion of the run that caused it for good
            val options = WorkerOptions(maxCachedWorkflows = 1, deadlockTimeout = null)
            server.withWorker(listOf(StubbornWorkflow::class, WaiterWorkflow::class), options = options) {
                try {
                    userActs {
                        val stubborn = client.startWorkflow<Unit>("E2eStubborn", options = options("stubborn"))
                        awaitEvent(stubborn) { it.eventType == EventType.EVENT_TYPE_TIMER_STARTED }
                        // the waiter's first task caches it and pushes the stubborn run out
                        val waiter = client.startWorkflow<String>("E2eWaiter", options = options("waiter"))
                        awaitEvent(waiter) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
                        waiter.signal("finish")
                        waiter.result() shouldBe "done"
                        eventTypes(waiter).count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT } shouldBe 0
                    }
                } finally {
                    StubbornWorkflow.release = true
                }
            }
        }
    }
})
