@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import com.google.protobuf.Any
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.update.v1.Acceptance
import dev.temporalkt.api.update.v1.Input
import dev.temporalkt.api.update.v1.Meta
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.update.v1.Rejection
import dev.temporalkt.api.update.v1.Request
import dev.temporalkt.api.update.v1.Response
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

private val request: Request = Request.newBuilder()
    .setMeta(Meta.newBuilder().setUpdateId("u1").setIdentity("client"))
    .setInput(Input.newBuilder().setName("approve").setArgs(payloads("yes")))
    .build()

private fun requestMessage(sequencingEventId: Long): Message = Message.newBuilder().setId("m1").setProtocolInstanceId("u-inst")
    .setEventId(sequencingEventId).setBody(Any.pack(request)).build()

/** Accepts and completes every update with "ok" in the same activation. */
private val updateWorkflow: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.filterIsInstance<ActivationJob.DoUpdate>().flatMap {
        listOf(
            WorkflowCommand.UpdateResponse(it.protocolInstanceId, UpdateOutcome.Accepted),
            WorkflowCommand.UpdateResponse(it.protocolInstanceId, UpdateOutcome.Completed(text("ok"))),
        )
    }
}

class UpdatesTest : FunSpec({
    test("a new update runs its validator; acceptance and completion become messages plus protocol-message commands") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(messages = listOf(requestMessage(2))), updateWorkflow)
        run.activations.single().jobs[1] shouldBe ActivationJob.DoUpdate(
            id = "u1", protocolInstanceId = "u-inst", name = "approve", input = payloads("yes"),
            meta = request.meta, runValidator = true,
        )
        run.completion.commands.map { it.commandType to it.protocolMessageCommandAttributes.messageId } shouldBe listOf(
            CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE to "m1/accept",
            CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE to "m1/complete",
        )
        val (accept, complete) = run.completion.messages
        accept.id shouldBe "m1/accept"
        accept.protocolInstanceId shouldBe "u-inst"
        accept.body.unpack(Acceptance::class.java) shouldBe Acceptance.newBuilder().setAcceptedRequestMessageId("m1")
            .setAcceptedRequestSequencingEventId(2).setAcceptedRequest(request).build()
        complete.id shouldBe "m1/complete"
        complete.body.unpack(Response::class.java) shouldBe Response.newBuilder().setMeta(request.meta)
            .setOutcome(Outcome.newBuilder().setSuccess(payloads("ok"))).build()
    }

    test("a rejected update leaves only a rejection message") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val failure = Failure.newBuilder().setMessage("not now").build()
        val run = WorkflowRunEngine("default", "orders").run(h.task(messages = listOf(requestMessage(2)))) { a ->
            a.jobs.filterIsInstance<ActivationJob.DoUpdate>().map { WorkflowCommand.UpdateResponse(it.protocolInstanceId, UpdateOutcome.Rejected(failure)) }
        }
        run.completion.commands.shouldBeEmpty()
        val msg = run.completion.messages.single()
        msg.id shouldBe "m1/reject"
        msg.body.unpack(Rejection::class.java) shouldBe Rejection.newBuilder().setRejectedRequestMessageId("m1")
            .setRejectedRequestSequencingEventId(2).setRejectedRequest(request).setFailure(failure).build()
    }

    test("replay delivers accepted updates from history without the validator, matches their events, and forgets them once completed") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
            workflowExecutionUpdateAcceptedEventAttributesBuilder.setProtocolInstanceId("u-inst").setAcceptedRequestMessageId("m1")
                .setAcceptedRequestSequencingEventId(2).setAcceptedRequest(request)
        }
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) {
            workflowExecutionUpdateCompletedEventAttributesBuilder.setMeta(request.meta).setAcceptedEventId(5)
                .setOutcome(Outcome.newBuilder().setSuccess(payloads("ok")))
        }
        h.signaled("go"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task(), updateWorkflow)
        run.activations[0].isReplaying shouldBe true
        run.activations[0].jobs[1] shouldBe ActivationJob.DoUpdate(
            id = "u1", protocolInstanceId = "u-inst", name = "approve", input = payloads("yes"),
            meta = request.meta, runValidator = false,
        )
        run.activations[1].jobs.map { it::class.simpleName } shouldBe listOf("SignalWorkflow")
        run.completion.commands.shouldBeEmpty()
        run.completion.messages.shouldBeEmpty()
        engine.heldStateCount shouldBe 0
    }

    test("a request for an update already accepted and still running is ignored") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
            workflowExecutionUpdateAcceptedEventAttributesBuilder.setProtocolInstanceId("u-inst").setAcceptedRequestMessageId("m1")
                .setAcceptedRequestSequencingEventId(2).setAcceptedRequest(request)
        }
        h.signaled("go"); h.workflowTask()
        val acceptOnly: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.filterIsInstance<ActivationJob.DoUpdate>().map { WorkflowCommand.UpdateResponse(it.protocolInstanceId, UpdateOutcome.Accepted) }
        }
        val run = WorkflowRunEngine("default", "orders").run(h.task(messages = listOf(requestMessage(2))), acceptOnly)
        run.activations.flatMap { it.jobs }.filterIsInstance<ActivationJob.DoUpdate>().map { it.runValidator } shouldBe listOf(false)
        run.completion.commands.shouldBeEmpty()
        run.completion.messages.shouldBeEmpty()
    }

    test("an update the server admitted itself (reapplied after a reset) is delivered as a new update and accepted under its own ids") {
        val h = HistoryBuilder(); h.started()
        val admitted = h.updateAdmitted(request)
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), updateWorkflow)
        run.activations.single().jobs.filterIsInstance<ActivationJob.DoUpdate>() shouldBe listOf(
            ActivationJob.DoUpdate(id = "u1", protocolInstanceId = "u1", name = "approve", input = payloads("yes"), meta = request.meta, runValidator = true),
        )
        val (accept, complete) = run.completion.messages
        accept.id shouldBe "u1/request/accept"
        accept.protocolInstanceId shouldBe "u1"
        accept.body.unpack(Acceptance::class.java) shouldBe Acceptance.newBuilder().setAcceptedRequestMessageId("u1/request")
            .setAcceptedRequestSequencingEventId(admitted).setAcceptedRequest(request).build()
        complete.body.unpack(Response::class.java).meta.updateId shouldBe "u1"
    }

    test("on replay an admitted update is delivered from its admitted event when accepted, whose event carries no request") {
        val h = HistoryBuilder(); h.started()
        val admitted = h.updateAdmitted(request)
        h.fullWorkflowTask()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
            workflowExecutionUpdateAcceptedEventAttributesBuilder.setProtocolInstanceId("u1").setAcceptedRequestMessageId("u1/request")
                .setAcceptedRequestSequencingEventId(admitted)
        }
        val accepted = h.events.last().eventId
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) {
            workflowExecutionUpdateCompletedEventAttributesBuilder.setMeta(request.meta).setAcceptedEventId(accepted)
                .setOutcome(Outcome.newBuilder().setSuccess(payloads("ok")))
        }
        h.signaled("go"); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), updateWorkflow)
        run.activations[0].jobs.filterIsInstance<ActivationJob.DoUpdate>() shouldBe listOf(
            ActivationJob.DoUpdate(id = "u1", protocolInstanceId = "u1", name = "approve", input = payloads("yes"), meta = request.meta, runValidator = false),
        )
        run.completion.commands.shouldBeEmpty()
        run.completion.messages.shouldBeEmpty()
    }

    test("on replay an admitted update that was rejected is not delivered") {
        val h = HistoryBuilder(); h.started()
        h.updateAdmitted(request)
        h.fullWorkflowTask()
        h.signaled("go"); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), updateWorkflow)
        run.activations.flatMap { it.jobs }.filterIsInstance<ActivationJob.DoUpdate>().shouldBeEmpty()
        run.completion.commands.shouldBeEmpty()
    }
})

private fun HistoryBuilder.updateAdmitted(request: Request): Long = add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED) {
    workflowExecutionUpdateAdmittedEventAttributesBuilder.setRequest(request)
        .setOrigin(dev.temporalkt.api.enums.v1.UpdateAdmittedEventOrigin.UPDATE_ADMITTED_EVENT_ORIGIN_REAPPLY)
}
