package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Holds the workflow task in which the first run continues as new open until the test has sent its update, so the
 * server admits the update to a run that is closing.
 */
class HoldingActivities {
    /** Per workflow id: completed when the local activity runs (the continue-as-new task is in flight). */
    val holding = ConcurrentHashMap<String, CompletableDeferred<Unit>>()

    /** Per workflow id: completed by the test once its update request is on its way. */
    val release = ConcurrentHashMap<String, CompletableDeferred<Unit>>()

    @Activity
    suspend fun hold(workflowId: String) {
        holding.computeIfAbsent(workflowId) { CompletableDeferred() }.complete(Unit)
        release.computeIfAbsent(workflowId) { CompletableDeferred() }.await()
    }
}

@Workflow(name = "E2eUpdateDuringContinueAsNew")
class UpdateDuringContinueAsNewWorkflow {
    private var generation = 0
    private var proceed = false
    private var finished = false

    @WorkflowRun
    suspend fun run(generation: Int): String {
        this.generation = generation
        if (generation == 1) {
            Workflow.waitCondition { proceed }
            Workflow.executeLocalActivity(
                HoldingActivities::hold, Workflow.info().workflowId,
                options = LocalActivityOptions(startToCloseTimeout = 30.seconds),
            )
            Workflow.continueAsNew(2)
        }
        Workflow.waitCondition { finished }
        return "generation $generation finished"
    }

    @Signal
    fun proceed() {
        proceed = true
    }

    @Update
    fun ask(question: String): String {
        finished = true
        return "generation $generation answered $question"
    }
}

/**
 * An update sent while the workflow task that continues the run as new is in flight is admitted to the closing run;
 * the server aborts it there with a retryable error, and the retried request lands on the next run, so the caller
 * gets the next run's answer and never sees the continue-as-new.
 */
class UpdateDuringContinueAsNewSpec : FunSpec({
    val workflows = listOf(UpdateDuringContinueAsNewWorkflow::class)

    // The time-skipping test server hands the update to the closing run instead: dev server only.
    for (server in e2eServers().filter { it.name == "dev server" }) {
        test("${server.name} only: an update admitted while the run continues as new is handled by the next run") {
            val activities = HoldingActivities()
            server.withWorker(workflows, activities = listOf(activities)) {
                userActs {
                    val options = options("update-can")
                    val started = client.startWorkflow<String>("E2eUpdateDuringContinueAsNew", 1, options = options)
                    val first = client.getWorkflowHandle<String>(options.id, started.firstExecutionRunId)
                    val holding = activities.holding.computeIfAbsent(options.id) { CompletableDeferred() }
                    first.signal("proceed")
                    withTimeout(20.seconds) { holding.await() }
                    val answer = coroutineScope {
                        val update = async { client.getWorkflowHandle<String>(options.id).executeUpdate<String>("ask", "why") }
                        // the update request goes out while the local activity keeps the continue-as-new task open
                        delay(300.milliseconds)
                        activities.release.computeIfAbsent(options.id) { CompletableDeferred() }.complete(Unit)
                        update.await()
                    }
                    answer shouldBe "generation 2 answered why"

                    val firstTypes = eventTypes(first)
                    firstTypes.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    firstTypes.none { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe true
                    val next = client.getWorkflowHandle<String>(options.id)
                    next.result() shouldBe "generation 2 finished"
                    val nextTypes = eventTypes(next)
                    nextTypes.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 1
                    nextTypes.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 1
                    replay(first)
                    replay(next)
                }
            }
        }
    }
})
