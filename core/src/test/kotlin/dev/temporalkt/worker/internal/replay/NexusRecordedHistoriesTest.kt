@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.NexusOperationResult
import dev.temporalkt.worker.activation.NexusOperationStartResolution
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

/**
 * Caller histories of Nexus operations recorded from the dev server by the end-to-end `NexusSpec`
 * (`nexus-async`: a workflow-run operation that completed; `nexus-cancel`: one cancelled by the caller with
 * WAIT_CANCELLATION_COMPLETED), replayed with scripted workflows issuing the same commands.
 */
class NexusRecordedHistoriesTest : FunSpec({
    fun load(name: String): History {
        val text = checkNotNull(javaClass.getResource("/histories/$name.json")) { "missing fixture $name.json" }.readText()
        return History.newBuilder().also { JsonFormat.parser().merge(text, it) }.build()
    }

    fun replay(history: History, workflow: (WorkflowActivation) -> List<WorkflowCommand>): TaskRun {
        val started = history.eventsList.first().workflowExecutionStartedEventAttributes
        return WorkflowRunEngine("default", started.taskQueue.name).run(
            PollWorkflowTaskQueueResponse.newBuilder().setHistory(history).setStartedEventId(Long.MAX_VALUE)
                .setWorkflowType(started.workflowType)
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("recorded").setRunId(started.originalExecutionRunId))
                .build(),
            workflow,
        )
    }

    fun History.event(type: EventType) = eventsList.single { it.eventType == type }

    /** Schedules the recorded operation on init; cancels it once started when [cancel]; completes on its result. */
    fun caller(history: History, operation: String, cancel: Boolean): (WorkflowActivation) -> List<WorkflowCommand> {
        val scheduled = history.event(EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED).nexusOperationScheduledEventAttributes
        return { a ->
            a.jobs.flatMap { job ->
                when (job) {
                    is ActivationJob.InitializeWorkflow -> listOf(
                        WorkflowCommand.ScheduleNexusOperation(1, scheduled.endpoint, "E2eGreeting", operation, scheduled.input),
                    )
                    is ActivationJob.ResolveNexusOperationStart ->
                        if (cancel) listOf(WorkflowCommand.RequestCancelNexusOperation(1)) else emptyList()
                    is ActivationJob.ResolveNexusOperation -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("done")))
                    else -> emptyList()
                }
            }
        }
    }

    test("nexus-async: the start resolves with the recorded token, then the workflow's result") {
        val history = load("nexus-async")
        val run = replay(history, caller(history, "greetLater", cancel = false))
        val token = history.event(EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED).nexusOperationStartedEventAttributes.operationToken
        val result = history.event(EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED).nexusOperationCompletedEventAttributes.result
        run.activations.map { a -> a.jobs.filter { it !is ActivationJob.InitializeWorkflow } } shouldBe listOf(
            emptyList(),
            listOf(ActivationJob.ResolveNexusOperationStart(1, NexusOperationStartResolution.StartedAsync(token))),
            listOf(ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Completed(result))),
        )
        result.data.toStringUtf8() shouldBe "\"Hello later, Bob\""
        run.completion.commands.shouldBeEmpty()
    }

    test("nexus-cancel: the replayed cancel request matches and the operation resolves Cancelled with the server's failure") {
        val history = load("nexus-cancel")
        val run = replay(history, caller(history, "waitForever", cancel = true))
        val failure: Failure = history.event(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED).nexusOperationCanceledEventAttributes.failure
        run.activations.last().jobs shouldBe listOf(ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Cancelled(failure)))
        failure.cause.hasCanceledFailureInfo() shouldBe true
        run.completion.commands.shouldBeEmpty()
    }
})
