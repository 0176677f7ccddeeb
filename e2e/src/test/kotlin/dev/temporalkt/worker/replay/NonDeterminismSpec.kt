@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.replay

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.runBlocking
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.util.UUID
import kotlin.reflect.KClass

/**
 * Workflow code changed under a run in flight: [WorkflowReplayer] names the history event and the command produced
 * instead, and a worker running the changed code fails the workflow task with the non-determinism cause (or, with
 * [WorkerOptions.failRunOnNonDeterminism], the execution).
 */
class NonDeterminismSpec : FunSpec({
    val embedded = lazy { runBlocking { WorkflowEnvironment.startTimeSkipping() } }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.client.connection.options.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        val timeSkipping = server.startsWith("embedded")

        /** Runs "Steps" with the original code until it waits for its signal; returns the client and handle. */
        suspend fun runToSignal(client: Client, taskQueue: String): WorkflowHandle<String> {
            Worker(
                client, taskQueue, workflows = listOf(StepsWorkflow::class), activities = listOf(ScenarioActivities()),
                options = WorkerOptions(maxCachedWorkflows = 0),
            ).start().use {
                val handle = client.startWorkflow<String>("Steps", options = WorkflowOptions(id = "steps-${UUID.randomUUID()}", taskQueue = taskQueue))
                handle.awaitEvent(
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_TIMER_FIRED, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                )
                return handle
            }
        }

        // Runs waiting for signals would let the time-skipping server skip to their run timeout while a result is
        // awaited: the test environment's clock stays held (real time) throughout these tests.
        suspend fun withClient(block: suspend (Client) -> Unit) {
            if (timeSkipping) {
                val env = embedded.value
                env.withoutAutoTimeSkipping { block(env.client) }
                return
            }
            val client = Client.connect(ConnectionOptions(target = target()))
            try {
                block(client)
            } finally {
                client.connection.close()
            }
        }

        test("$server: replaying a run with changed workflow code names the event and the command") {
            withClient { client ->
                val handle = runToSignal(client, "nd-replay-${UUID.randomUUID()}")
                val history = handle.fetchHistory().history
                history.eventsList.take(6).map { it.eventType } shouldBe listOf(
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EventType.EVENT_TYPE_TIMER_STARTED,
                )
                WorkflowReplayer(listOf(StepsWorkflow::class)).replay(history, handle.id)

                fun mismatch(changed: KClass<*>): String =
                    shouldThrow<NonDeterminismException> { WorkflowReplayer(listOf(changed)).replay(history, handle.id) }.message!!

                mismatch(StepsChangedActivityWorkflow::class) shouldContain
                    "history event 5 is ActivityTaskScheduled(activity type 'echo', activity id '1') but the workflow produced " +
                    "ScheduleActivity(seq 1, activity type 'refuse', activity id '1')"
                mismatch(StepsRemovedTimerWorkflow::class) shouldContain
                    "history event 6 is TimerStarted(timer id '1') but the workflow produced no command for it"
                mismatch(StepsExtraTimerWorkflow::class) shouldContain
                    "the workflow produced StartTimer(seq 2) but history has no matching event"
                val reordered = mismatch(StepsReorderedWorkflow::class)
                reordered shouldStartWith "Non-deterministic workflow 'Steps' (id ${handle.id}, run "
                reordered shouldContain "history event 5 is ActivityTaskScheduled(activity type 'echo', activity id '1') but the workflow produced StartTimer(seq 1)"
                handle.terminate("test over")
            }
        }

        for (failRun in listOf(false, true)) {
            val outcome = if (failRun) "fails the execution (failRunOnNonDeterminism)" else "fails the workflow task with NON_DETERMINISTIC_ERROR"
            test("$server: a worker with changed code picking up a run $outcome") {
                withClient { client ->
                    val taskQueue = "nd-live-${UUID.randomUUID()}"
                    val handle = runToSignal(client, taskQueue)
                    Worker(
                        client, taskQueue, workflows = listOf(StepsChangedActivityWorkflow::class), activities = listOf(ScenarioActivities()),
                        options = WorkerOptions(maxCachedWorkflows = 0, failRunOnNonDeterminism = failRun),
                    ).start().use {
                        handle.signal("release")
                        val expected = "history event 5 is ActivityTaskScheduled(activity type 'echo', activity id '1') but the workflow " +
                            "produced ScheduleActivity(seq 1, activity type 'refuse', activity id '1')"
                        if (failRun) {
                            val error = shouldThrow<WorkflowFailedException> { handle.result() }
                            error.cause!!.message shouldContain expected
                            handle.fetchHistory().history.eventsList.last().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
                        } else {
                            val failed = handle.awaitEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                            val attributes = failed.workflowTaskFailedEventAttributes
                            attributes.cause shouldBe WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR
                            attributes.failure.message shouldContain expected
                            handle.terminate("test over")
                        }
                    }
                }
            }
        }
    }
})
