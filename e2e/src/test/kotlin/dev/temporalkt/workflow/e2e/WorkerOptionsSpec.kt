package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.PendingActivityState
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.util.UUID
import java.util.concurrent.Executor
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Activities that count how many of them run at once. Each one stays running until the highest count seen reaches
 * [expected], so the first [expected] attempts overlap for sure and any attempt beyond the limit would push the
 * count higher.
 */
class ConcurrencyProbeActivities(private val expected: Int) {
    val running = AtomicInteger()
    val maxRunning = AtomicInteger()
    val completed = AtomicInteger()

    @Activity
    suspend fun occupy(index: Int): Int {
        maxRunning.accumulateAndGet(running.incrementAndGet(), ::maxOf)
        try {
            while (maxRunning.get() < expected) delay(10.milliseconds)
        } finally {
            running.decrementAndGet()
        }
        completed.incrementAndGet()
        return index
    }
}

/** Starts [count] probe activities at once, as local activities or as ordinary ones, and returns their results. */
@Workflow(name = "E2eProbeFanOut")
class ProbeFanOutWorkflow {
    @WorkflowRun
    suspend fun run(count: Int, local: Boolean): List<Int> {
        val handles = (0 until count).map {
            if (local) {
                Workflow.startLocalActivity(ConcurrencyProbeActivities::occupy, it, options = LocalActivityOptions(startToCloseTimeout = 30.seconds))
            } else {
                Workflow.startActivity(ConcurrencyProbeActivities::occupy, it, options = ActivityOptions(startToCloseTimeout = 30.seconds))
            }
        }
        return handles.map { it.await() }
    }
}

/** Activities of the worker-option tests. */
class WorkerOptionActivities {
    /** Set when [waitForShutdown] runs. */
    val shutdownActivityStarted = CompletableDeferred<Unit>()

    @Activity
    fun echo(text: String): String = "echo $text"

    @Activity
    fun threadName(): String = Thread.currentThread().name

    @Activity
    suspend fun signalOwnWorkflow(signalName: String): String {
        val context = activityContext()
        val handle = context.client.getWorkflowHandle<Any?>(context.info.workflowId)
        handle.signal(signalName, "from ${if (context.info.isLocal) "local" else "remote"} activity")
        return handle.describe().workflowType
    }

    @Activity
    suspend fun waitForShutdown(): String {
        shutdownActivityStarted.complete(Unit)
        activityContext().awaitWorkerShutdown()
        return "worker shutting down: ${activityContext().isWorkerShuttingDown}"
    }
}

@Workflow(name = "E2eRemoteAndLocal")
class RemoteAndLocalWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val remote = Workflow.startActivity(WorkerOptionActivities::echo, "remote", options = ActivityOptions(startToCloseTimeout = 30.seconds))
        val local = Workflow.executeLocalActivity(WorkerOptionActivities::echo, "local", options = LocalActivityOptions(startToCloseTimeout = 30.seconds))
        return "$local, ${remote.await()}"
    }
}

@Workflow(name = "E2eActivityUsesClient")
class ActivityUsesClientWorkflow {
    private val received = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        val remoteType = Workflow.executeActivity(
            WorkerOptionActivities::signalOwnWorkflow, "fromActivity", options = ActivityOptions(startToCloseTimeout = 30.seconds),
        )
        val localType = Workflow.executeLocalActivity(
            WorkerOptionActivities::signalOwnWorkflow, "fromActivity", options = LocalActivityOptions(startToCloseTimeout = 30.seconds),
        )
        Workflow.waitCondition { received.size == 2 }
        return received + "described as $remoteType and $localType"
    }

    @Signal
    fun fromActivity(text: String) {
        received += text
    }
}

@Workflow(name = "E2eActivityElsewhere")
class ActivityElsewhereWorkflow {
    @WorkflowRun
    suspend fun run(activityQueue: String): String = Workflow.executeActivity(
        WorkerOptionActivities::waitForShutdown,
        options = ActivityOptions(startToCloseTimeout = 60.seconds, taskQueue = activityQueue),
    )
}

@Workflow(name = "E2eThreadNames")
class ThreadNamesWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> = listOf(
        Workflow.executeActivity(WorkerOptionActivities::threadName, options = ActivityOptions(startToCloseTimeout = 30.seconds)),
        Workflow.executeLocalActivity(WorkerOptionActivities::threadName, options = LocalActivityOptions(startToCloseTimeout = 30.seconds)),
    )
}

@Workflow(name = "E2eCancelQueuedLocal")
class CancelQueuedLocalWorkflow {
    private var cancelRequested = false

    /** With one local activity slot, the second local activity waits for it until it is cancelled. */
    @WorkflowRun
    suspend fun run(): List<String> {
        val options = LocalActivityOptions(startToCloseTimeout = 50.seconds, cancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        val running = Workflow.startLocalActivity(CancellableLocalActivities::runUntilCancelled, options = options)
        val queued = Workflow.startLocalActivity(CancellableLocalActivities::runUntilCancelled, options = options)
        Workflow.waitCondition { cancelRequested }
        queued.cancel()
        val queuedOutcome = outcome(queued)
        running.cancel()
        return listOf(queuedOutcome, outcome(running))
    }

    @Signal
    fun cancelNow() {
        cancelRequested = true
    }
}

/** Worker options and the worker's run loop, end to end on both servers, each history replayed afterwards. */
class WorkerOptionsSpec : FunSpec({
    test("WorkerOptions rejects a maxConcurrentLocalActivities below one") {
        shouldThrow<IllegalArgumentException> { WorkerOptions(maxConcurrentLocalActivities = 0) }
            .message shouldBe "WorkerOptions.maxConcurrentLocalActivities must be positive, was 0"
    }

    for (server in e2eServers()) {
        test("${server.name}: no more than maxConcurrentLocalActivities local activities run at once") {
            val probe = ConcurrencyProbeActivities(expected = 2)
            server.withWorker(listOf(ProbeFanOutWorkflow::class), listOf(probe), WorkerOptions(maxConcurrentLocalActivities = 2)) {
                val handle = client.startWorkflow<List<Int>>("E2eProbeFanOut", 6, true, options = options("fan-out"))
                handle.result() shouldBe listOf(0, 1, 2, 3, 4, 5)
                probe.maxRunning.get() shouldBe 2
                probe.completed.get() shouldBe 6
                events(handle).count {
                    it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity"
                } shouldBe 6
                replay(handle)
            }
        }

        test("${server.name}: no more than maxConcurrentActivities activities run at once; the rest wait on the server") {
            val probe = ConcurrencyProbeActivities(expected = 2)
            server.withWorker(listOf(ProbeFanOutWorkflow::class), listOf(probe), WorkerOptions(maxConcurrentActivities = 2)) {
                val handle = client.startWorkflow<List<Int>>("E2eProbeFanOut", 6, false, options = options("remote-fan-out"))
                handle.result() shouldBe listOf(0, 1, 2, 3, 4, 5)
                probe.maxRunning.get() shouldBe 2
                probe.completed.get() shouldBe 6
                eventTypes(handle).count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 6
                replay(handle)
            }
        }

        test("${server.name}: a local activity waiting for a slot is cancelled without ever running") {
            val activities = CancellableLocalActivities()
            server.withWorker(listOf(CancelQueuedLocalWorkflow::class), listOf(activities), WorkerOptions(maxConcurrentLocalActivities = 1)) {
                val handle = client.startWorkflow<List<String>>("E2eCancelQueuedLocal", options = options("cancel-queued"))
                userActs {
                    activities.started.await()
                    handle.signal("cancelNow")
                }
                handle.result() shouldBe listOf("ActivityFailure caused by CanceledFailure", "ActivityFailure caused by CanceledFailure")
                activities.starts.get() shouldBe 1
                activities.observedReason.await() shouldBe "CANCEL_REQUESTED"
                replay(handle)
            }
        }

        test("${server.name}: with disableActivityWorker a scheduled activity stays pending while local activities run") {
            val activities = WorkerOptionActivities()
            server.withWorker(listOf(RemoteAndLocalWorkflow::class), listOf(activities), WorkerOptions(disableActivityWorker = true)) {
                val handle = client.startWorkflow<String>("E2eRemoteAndLocal", options = options("no-remote"))
                awaitEvent(handle) {
                    it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity"
                }
                val pending = handle.describe().pendingActivities
                pending.map { it.activityType.name to it.state } shouldBe listOf("echo" to PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED)
                eventTypes(handle).count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED } shouldBe 0
                // a worker that does poll for activity tasks picks the scheduled one up
                Worker(client, taskQueue, activities = listOf(activities)).start().use {
                    handle.result() shouldBe "echo local, echo remote"
                }
                replay(handle)
            }
        }

        test("${server.name}: activities and local activities reach the worker's client through ActivityContext.client") {
            server.withWorker(listOf(ActivityUsesClientWorkflow::class), listOf(WorkerOptionActivities())) {
                val handle = client.startWorkflow<List<String>>("E2eActivityUsesClient", options = options("uses-client"))
                handle.result() shouldBe listOf(
                    "from remote activity",
                    "from local activity",
                    "described as E2eActivityUsesClient and E2eActivityUsesClient",
                )
                eventTypes(handle).count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 2
                replay(handle)
            }
        }

        test("${server.name}: Worker.run() serves tasks until its coroutine is cancelled, then shuts the worker down") {
            val activities = WorkerOptionActivities()
            server.withWorker(listOf(ActivityElsewhereWorkflow::class)) {
                val activityQueue = "$taskQueue-activities"
                val worker = Worker(client, activityQueue, activities = listOf(activities), options = WorkerOptions(gracefulShutdownTimeout = 30.seconds))
                coroutineScope {
                    val running = launch { worker.run() }
                    val handle = client.startWorkflow<String>("E2eActivityElsewhere", activityQueue, options = options("run-loop"))
                    activities.shutdownActivityStarted.await()
                    running.isActive shouldBe true
                    running.cancelAndJoin()
                    running.isCancelled shouldBe true
                    // the running activity was told about the shutdown and finished within the graceful timeout
                    handle.result() shouldBe "worker shutting down: true"
                    shouldThrow<IllegalStateException> { worker.start() }.message shouldBe
                        "Worker for task queue '$activityQueue' was already started"
                    replay(handle)
                }
            }
        }

        test("${server.name}: blocking activities and local activities run on WorkerOptions.activityExecutor") {
            val pool = Executors.newSingleThreadExecutor { Thread(it, "custom-activity-thread-${UUID.randomUUID()}") }
            val submitted = AtomicInteger()
            val executor = Executor { task ->
                submitted.incrementAndGet()
                pool.execute(task)
            }
            try {
                server.withWorker(listOf(ThreadNamesWorkflow::class), listOf(WorkerOptionActivities()), WorkerOptions(activityExecutor = executor)) {
                    val handle = client.startWorkflow<List<String>>("E2eThreadNames", options = options("executor"))
                    val names = handle.result()
                    names.size shouldBe 2
                    names[0] shouldStartWith "custom-activity-thread-"
                    names[1] shouldBe names[0]
                    submitted.get() shouldBe 2
                    replay(handle)
                }
            } finally {
                pool.shutdown()
            }
        }
    }

})
