package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeoutOrNull
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Recurses without end: a stack overflow in user code. */
object OverflowingRecursion {
    fun down(depth: Int): Int = down(depth + 1) + 1
}

class OverflowActivities {
    @Activity
    suspend fun overflow(start: Int): Int = OverflowingRecursion.down(start)
}

@Workflow(name = "E2eActivityOverflow")
class ActivityOverflowWorkflow {
    @WorkflowRun
    suspend fun run(start: Int): Int = Workflow.executeActivity(
        OverflowActivities::overflow, start,
        options = ActivityOptions(startToCloseTimeout = 30.seconds, retryPolicy = RetryPolicy(maximumAttempts = 1)),
    )
}

@Workflow(name = "E2eWorkflowOverflow")
class WorkflowOverflowWorkflow {
    @WorkflowRun
    suspend fun run(start: Int): Int = OverflowingRecursion.down(start)
}

/**
 * A [StackOverflowError] has no message; what reaches the client names the error and its top frames instead of an
 * empty failure message, whether activity code or workflow code overflowed.
 */
class StackOverflowFailureSpec : FunSpec({
    val prefix = "java.lang.StackOverflowError at "
    val frame = "dev.temporalkt.worker.OverflowingRecursion.down(StackOverflowFailureSpec.kt:"

    test("a StackOverflowError in activity code reaches the client as ActivityFailure caused by an ApplicationFailure naming it and its top frames") {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        val taskQueue = "overflow-${UUID.randomUUID()}"
        try {
            Worker(client, taskQueue, listOf(ActivityOverflowWorkflow::class), listOf(OverflowActivities())).start().use {
                val handle = client.startWorkflow<Int>(
                    "E2eActivityOverflow", 0, options = WorkflowOptions(id = "activity-overflow-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                val activity = error.cause.shouldBeInstanceOf<ActivityFailure>()
                val cause = activity.cause.shouldBeInstanceOf<ApplicationFailure>()
                withClue(cause.message) {
                    cause.message!! shouldStartWith "$prefix$frame"
                    cause.type shouldBe "StackOverflowError"
                }
            }
        } finally {
            client.connection.close()
        }
    }

    test("a StackOverflowError in workflow code fails the workflow task with a message naming it and its top frames") {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        val taskQueue = "overflow-${UUID.randomUUID()}"
        try {
            Worker(client, taskQueue, listOf(WorkflowOverflowWorkflow::class)).start().use {
                val handle = client.startWorkflow<Int>(
                    "E2eWorkflowOverflow", 0, options = WorkflowOptions(id = "workflow-overflow-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                try {
                    val failed = withTimeoutOrNull(60.seconds) {
                        var event = handle.fetchHistoryEvents().toList().firstOrNull { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                        while (event == null) {
                            delay(20.milliseconds)
                            event = handle.fetchHistoryEvents().toList().firstOrNull { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                        }
                        event
                    } ?: error("no WorkflowTaskFailed event within 60 s")
                    val message = failed.workflowTaskFailedEventAttributes.failure.message
                    withClue(message) {
                        message shouldStartWith "$prefix$frame"
                        message shouldContain " <- $frame"
                    }
                } finally {
                    handle.terminate("test over")
                }
            }
        } finally {
            client.connection.close()
        }
    }
})
