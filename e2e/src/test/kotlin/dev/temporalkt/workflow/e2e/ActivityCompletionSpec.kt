package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.complete
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.channels.Channel
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class ResumableActivities {
    /**
     * Counts to [target], heartbeating each number; the first attempt dies after 3, and the retry resumes from
     * the last heartbeat instead of starting over.
     */
    @Activity
    fun countTo(target: Int): String {
        val context = ActivityContext.current()
        val resumeFrom = if (context.info.heartbeatDetailsCount > 0) context.info.heartbeatDetail<Int>() else 0
        val counted = mutableListOf<Int>()
        for (i in resumeFrom + 1..target) {
            counted += i
            context.heartbeat(i)
            if (i == 3 && context.info.attempt == 1) throw IllegalStateException("lost the connection after 3")
        }
        return "attempt ${context.info.attempt} resumed after $resumeFrom and counted $counted"
    }
}

class ExternallyCompletedActivities(private val tokens: Channel<ByteArray>) {
    /** Hands its task token to an outside system and returns without a result; the system completes it later. */
    @Activity
    fun requestSignature(document: String): String {
        val context = ActivityContext.current()
        check(tokens.trySend(context.info.taskToken).isSuccess) { "no room for the task token of $document" }
        context.completeAsynchronously()
    }
}

@Workflow(name = "E2eCounting")
class CountingWorkflow {
    @WorkflowRun
    suspend fun run(target: Int): String = Workflow.executeActivity(
        ResumableActivities::countTo, target,
        options = ActivityOptions(
            startToCloseTimeout = 1.minutes,
            heartbeatTimeout = 1.minutes,
            retryPolicy = RetryPolicy(initialInterval = 10.milliseconds, maximumAttempts = 3),
        ),
    )
}

@Workflow(name = "E2eSignature")
class SignatureWorkflow {
    @WorkflowRun
    suspend fun run(document: String): String = Workflow.executeActivity(
        ExternallyCompletedActivities::requestSignature, document,
        options = ActivityOptions(startToCloseTimeout = 1.minutes),
    )
}

/** Activities that resume from heartbeats and activities completed from outside, end to end on both servers. */
class ActivityCompletionSpec : FunSpec({
    val workflows = listOf(CountingWorkflow::class, SignatureWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: a retried activity resumes from the details of its last heartbeat") {
            server.withWorker(workflows, activities = listOf(ResumableActivities())) {
                val handle = client.startWorkflow<String>("E2eCounting", 5, options = options("counting"))
                handle.result() shouldBe "attempt 2 resumed after 3 and counted [4, 5]"
                val started = events(handle).single { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED }
                started.activityTaskStartedEventAttributes.attempt shouldBe 2
                // The embedded server does not record the previous attempt's failure on the started event.
                if (!timeSkipping) started.activityTaskStartedEventAttributes.lastFailure.message shouldBe "lost the connection after 3"
                replay(handle)
            }
        }

        test("${server.name}: an activity completed asynchronously by its task token gives the workflow its result") {
            val tokens = Channel<ByteArray>(1)
            server.withWorker(workflows, activities = listOf(ExternallyCompletedActivities(tokens))) {
                val handle = client.startWorkflow<String>("E2eSignature", "lease.pdf", options = options("signature"))
                val token = userActs {
                    val token = tokens.receive()
                    client.getAsyncActivityHandle(token).complete("lease.pdf signed by Grace")
                    token
                }
                token.isNotEmpty() shouldBe true
                handle.result() shouldBe "lease.pdf signed by Grace"
                eventTypes(handle).count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 1
                replay(handle)
            }
        }
    }
})
