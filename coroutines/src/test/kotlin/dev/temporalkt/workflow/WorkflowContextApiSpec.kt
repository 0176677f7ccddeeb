@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.api.sdk.v1.WorkflowMetadata
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.activation.ActivationJob.DoUpdate
import dev.temporalkt.worker.activation.ActivationJob.FireTimer
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.RespondToQuery
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import dev.temporalkt.worker.activation.WorkflowCommand.UpdateResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.async
import kotlinx.coroutines.supervisorScope
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

@Workflow
class DetailsWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.setCurrentDetails("step 1")
        Workflow.setDynamicQueryHandler(description = "any field") { name, args -> "$name/${args.size}/${Workflow.currentDetails()}" }
        Workflow.setDynamicUpdateHandler(
            handler = { name, args -> "$name=" + args.single().get<String>() },
            validator = { name, _ -> require(name != "forbidden") { "update '$name' is not allowed" } },
            description = "any setting",
        )
        Workflow.setSignalHandler("poke", description = "pokes the run") { }
        Workflow.setQueryHandler("plain") { "plain" }
        delay(1.minutes)
        Workflow.setCurrentDetails("step 2")
        val info = Workflow.info()
        return listOf(info.retryPolicy.toString(), info.headers["tenant"]?.get<String>().toString(), Workflow.historySize().toString())
    }
}

@Workflow
class CompletionOrderWorkflow {
    /** Three timers of different lengths, consumed in completion order, the failing one included. */
    @WorkflowRun
    suspend fun run(): List<String> = supervisorScope {
        val slow = async { delay(3.minutes); "slow" }
        val fast = async { delay(1.minutes); "fast" }
        val failing = async<String> { delay(2.minutes); throw ApplicationFailure("boom", type = "Boom") }
        Workflow.asCompleted(slow, fast, failing)
            .map { done -> runCatching { done.await() }.getOrElse { "failed: ${it.message}" } }
            .toList()
    }
}

/** Current details, history size, retry policy, headers, dynamic query and update handlers, and asCompleted. */
class WorkflowContextApiSpec : FunSpec({
    fun metadata(h: WorkflowHarness): WorkflowMetadata {
        val answer = h.commands(h.query("__temporal_workflow_metadata")).single().shouldBeInstanceOf<RespondToQuery>()
        return h.payloadConverter.fromPayload(
            answer.outcome.shouldBeInstanceOf<QueryOutcome.Succeeded>().response, typeOf<WorkflowMetadata>(),
        ) as WorkflowMetadata
    }

    test("current details are answered by the metadata query, with handlers set at run time and their descriptions") {
        val h = WorkflowHarness(DetailsWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.minutes, null))
        val first = metadata(h)
        first.currentDetails shouldBe "step 1"
        first.definition.queryDefinitionsList.map { it.name to it.description } shouldBe listOf("" to "any field", "plain" to "")
        first.definition.signalDefinitionsList.map { it.name to it.description } shouldBe listOf("poke" to "pokes the run")
        first.definition.updateDefinitionsList.map { it.name to it.description } shouldBe listOf("" to "any setting")
        h.commands(h.query("colour", "q2", h.payload(1), h.payload(2))) shouldBe
            listOf(RespondToQuery("q2", QueryOutcome.Succeeded(h.payload<Any?>("colour/2/step 1"))))
    }

    test("a dynamic update handler gets the name and arguments; its validator rejects by name") {
        val h = WorkflowHarness(DetailsWorkflow::class)
        h.start()
        val commands = h.commands(DoUpdate("u1", "p1", "theme", h.payloads("dark")), DoUpdate("u2", "p2", "forbidden", h.payloads("x")))
        commands.take(2) shouldBe listOf(
            UpdateResponse("p1", UpdateOutcome.Accepted),
            UpdateResponse("p1", UpdateOutcome.Completed(h.payload<Any?>("theme=dark"))),
        )
        commands[2].shouldBeInstanceOf<UpdateResponse>().outcome.shouldBeInstanceOf<UpdateOutcome.Rejected>()
            .failure.message shouldBe "update 'forbidden' is not allowed"
        commands.size shouldBe 3
    }

    test("info carries the retry policy and headers of the start; historySize() the activation's history size") {
        val policy = RetryPolicy(initialInterval = 2.seconds, maximumAttempts = 3)
        val h = WorkflowHarness(DetailsWorkflow::class, retryPolicy = policy.toProto(), headers = mapOf("tenant" to DefaultPayloadConverter().toPayload("acme", typeOf<String>())))
        h.start()
        h.historySizeBytes = 1234
        h.commands(FireTimer(1)) shouldBe listOf(CompleteWorkflowExecution(h.payload(listOf(policy.toString(), "acme", "1234"))))
        metadata(h).currentDetails shouldBe "step 2"
    }

    test("a run without retry policy or headers has null and an empty map") {
        val h = WorkflowHarness(DetailsWorkflow::class)
        h.start()
        h.commands(FireTimer(1)) shouldBe listOf(CompleteWorkflowExecution(h.payload(listOf("null", "null", "0"))))
    }

    test("asCompleted emits the deferreds in the order their timers fire, failures included") {
        val h = WorkflowHarness(CompletionOrderWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 3.minutes, null), StartTimer(2, 1.minutes, null), StartTimer(3, 2.minutes, null))
        h.commands(FireTimer(2)) shouldBe emptyList<WorkflowCommand>()
        h.commands(FireTimer(3)) shouldBe emptyList<WorkflowCommand>()
        h.commands(FireTimer(1)) shouldBe listOf(CompleteWorkflowExecution(h.payload(listOf("fast", "failed: boom", "slow"))))
    }
})
