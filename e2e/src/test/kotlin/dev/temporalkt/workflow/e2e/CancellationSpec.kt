package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class CancellableActivities(private val started: Channel<String>, private val cleanedUp: Channel<String>) {
    /** Heartbeats until cancelled; reports its start and, once cancelled, its cleanup to the test. */
    @Activity
    suspend fun heartbeatUntilCancelled(label: String): String {
        val context = activityContext()
        started.send(label)
        try {
            while (true) {
                context.heartbeat()
                delay(100.milliseconds)
            }
        } catch (e: CancellationException) {
            cleanedUp.trySend("$label cleaned up")
            throw e
        }
    }

    @Activity
    suspend fun cleanUp(what: String): String = "cleaned up after $what"
}

private val heartbeatOptions = ActivityOptions(
    startToCloseTimeout = 10.minutes,
    heartbeatTimeout = 2.seconds,
    retryPolicy = RetryPolicy(maximumAttempts = 1),
)

@Workflow(name = "E2eActivityCancel")
class ActivityCancelWorkflow {
    private var cancelNow = false

    /** Starts an activity, cancels it once told to, and describes what awaiting it gave. */
    @WorkflowRun
    suspend fun run(type: ActivityCancellationType): String {
        val handle = Workflow.startActivity(
            CancellableActivities::heartbeatUntilCancelled, type.name,
            options = heartbeatOptions.copy(cancellationType = type),
        )
        Workflow.waitCondition { cancelNow }
        handle.cancel()
        return try {
            "completed with ${handle.await()}"
        } catch (e: Exception) {
            "${e::class.simpleName} caused by ${e.cause?.let { it::class.simpleName }}"
        }
    }

    @dev.temporalkt.workflow.Signal
    fun cancelActivity() {
        cancelNow = true
    }
}

@Workflow(name = "E2eStubbornChild")
class StubbornChildWorkflow {
    /** Waits until cancelled, then takes a (cancellation-proof) timer to clean up before ending cancelled. */
    @WorkflowRun
    suspend fun run(cleanupMillis: Long): String {
        try {
            awaitCancellation()
        } finally {
            withContext(NonCancellable) { Workflow.sleep(cleanupMillis.milliseconds) }
        }
    }
}

@Workflow(name = "E2eChildCancel")
class ChildCancelWorkflow {
    @WorkflowRun
    suspend fun run(type: ChildWorkflowCancellationType, cleanupMillis: Long): String {
        val child = Workflow.startChildWorkflow(
            StubbornChildWorkflow::run, cleanupMillis,
            // The child outlives the parent (the test ends it), so no child is terminated with a task pending.
            options = ChildWorkflowOptions(
                workflowId = "${Workflow.info().workflowId}-child",
                cancellationType = type,
                parentClosePolicy = ParentClosePolicy.ABANDON,
            ),
        )
        child.cancel()
        return try {
            "completed with ${child.result()}"
        } catch (e: Exception) {
            "${e::class.simpleName} caused by ${e.cause?.let { it::class.simpleName }}"
        }
    }
}

@Workflow(name = "E2eCancelledWhileWaiting")
class CancelledWhileWaitingWorkflow {
    /** Waits on a timer, an activity or a child; when the run is cancelled, runs a cleanup activity and ends cancelled. */
    @WorkflowRun
    suspend fun run(on: String): String {
        try {
            when (on) {
                "timer" -> Workflow.sleep(30.days)
                "activity" -> Workflow.executeActivity(
                    CancellableActivities::heartbeatUntilCancelled, on,
                    options = heartbeatOptions.copy(cancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED),
                )
                "child" -> Workflow.executeChildWorkflow(
                    StubbornChildWorkflow::run, 1L,
                    options = ChildWorkflowOptions(workflowId = "${Workflow.info().workflowId}-child"),
                )
            }
            return "not cancelled"
        } catch (e: Exception) {
            withContext(NonCancellable) {
                Workflow.executeActivity(CancellableActivities::cleanUp, on, options = ActivityOptions(startToCloseTimeout = 10.seconds))
            }
            throw e
        }
    }
}

/** Cancellation of child workflows and of whole runs, end to end on both servers, histories replayed. */
class CancellationSpec : FunSpec({
    val workflows = listOf(
        StubbornChildWorkflow::class, ChildCancelWorkflow::class, CancelledWhileWaitingWorkflow::class,
    )

    for (server in e2eServers()) {
        for (type in ChildWorkflowCancellationType.entries) {
            test("${server.name}: cancelling a child workflow with cancellation type $type") {
                // The embedded server's clock is held throughout: a child left waiting would otherwise be timed out
                // by skipping, so the child's cleanup timer is short and runs in real time on both servers.
                server.withWorker(workflows) { userActs {
                    val handle = client.startWorkflow<String>("E2eChildCancel", type, 200L, options = options("child-cancel"))
                    handle.result() shouldBe "ChildWorkflowFailure caused by CanceledFailure"
                    val types = eventTypes(handle)
                    val requested = EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED
                    when (type) {
                        ChildWorkflowCancellationType.ABANDON -> types shouldNotContain requested
                        ChildWorkflowCancellationType.TRY_CANCEL -> {
                            types shouldContain requested
                            types shouldNotContain EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED
                        }
                        ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED -> {
                            types shouldContain EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED
                            types shouldNotContain EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED
                        }
                        ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED ->
                            types shouldContain EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED
                    }
                    // Every child but the abandoned one got the request; the test cancels that one itself.
                    val child = client.getWorkflowHandle<String>("${handle.id}-child")
                    // A parent that does not wait may close before its request is delivered: the test cancels those.
                    if (type == ChildWorkflowCancellationType.ABANDON || type == ChildWorkflowCancellationType.TRY_CANCEL) {
                        child.cancel("the parent did not wait for its cancellation")
                    }
                    shouldThrow<WorkflowFailedException> { child.result() }.cause.shouldBeInstanceOf<CanceledFailure>()
                    eventTypes(child) shouldContain EventType.EVENT_TYPE_TIMER_FIRED
                    replay(child)
                    types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                    replay(handle)
                } }
            }
        }

        for (on in listOf("timer", "activity", "child")) {
            test("${server.name}: a run cancelled while waiting on a $on cleans up in NonCancellable and ends CANCELED") {
                val started = Channel<String>(10)
                val cleanedUp = Channel<String>(10)
                server.withWorker(workflows, activities = listOf(CancellableActivities(started, cleanedUp))) {
                    val handle = userActs {
                        val handle = client.startWorkflow<String>("E2eCancelledWhileWaiting", on, options = options("cancel-$on"))
                        when (on) {
                            "timer" -> awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_TIMER_STARTED }
                            "activity" -> started.receive() shouldBe on
                            "child" -> awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED }
                        }
                        handle.cancel("no longer needed")
                        handle
                    }
                    val error = shouldThrow<WorkflowFailedException> { handle.result() }
                    error.cause.shouldBeInstanceOf<CanceledFailure>()
                    handle.describe().status shouldBe WorkflowExecutionStatus.CANCELED
                    val types = eventTypes(handle)
                    types shouldContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED
                    when (on) {
                        "timer" -> types shouldContain EventType.EVENT_TYPE_TIMER_CANCELED
                        "activity" -> {
                            types shouldContain EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED
                            cleanedUp.receive() shouldBe "activity cleaned up"
                        }
                        "child" -> types shouldContain EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED
                    }
                    types.count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 1
                    types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
                    replay(handle)
                }
            }
        }
    }
})


/**
 * Cancelling an activity with each cancellation type, end to end on both servers, histories replayed. A spec of its
 * own: the abandoned activity stays outstanding on its embedded server, which then stops skipping time.
 */
class ActivityCancellationSpec : FunSpec({
    val workflows = listOf(ActivityCancelWorkflow::class)

    for (server in e2eServers()) {
        for (type in ActivityCancellationType.entries) {
            test("${server.name}: cancelling an activity with cancellation type $type") {
                val started = Channel<String>(10)
                val cleanedUp = Channel<String>(10)
                server.withWorker(workflows, activities = listOf(CancellableActivities(started, cleanedUp))) {
                    val handle = client.startWorkflow<String>("E2eActivityCancel", type, options = options("activity-cancel"))
                    userActs {
                        started.receive() shouldBe type.name
                        client.getWorkflowHandle<String>(handle.id).signal("cancelActivity", emptyList())
                        if (type != ActivityCancellationType.ABANDON) cleanedUp.receive() shouldBe "$type cleaned up"
                    }
                    handle.result() shouldBe "ActivityFailure caused by CanceledFailure"
                    val types = eventTypes(handle)
                    when (type) {
                        ActivityCancellationType.ABANDON -> types shouldNotContain EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED
                        ActivityCancellationType.TRY_CANCEL -> {
                            types shouldContain EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED
                            // The workflow went on without waiting: it closed in the task that requested the cancel.
                            types shouldNotContain EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED
                        }
                        ActivityCancellationType.WAIT_CANCELLATION_COMPLETED ->
                            types.indexOf(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED) shouldBe types.size - 5
                    }
                    types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                    replay(handle)
                }
            }
        }

    }
})
