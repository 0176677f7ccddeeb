package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * A cancel request to another workflow: command → (RequestCancelExternalWorkflowExecutionInitiated) →
 * ExternalWorkflowExecutionCancelRequested (resolves without failure) or
 * RequestCancelExternalWorkflowExecutionFailed (resolves with an application failure naming the cause).
 */
internal class CancelExternalMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.RequestCancelExternalWorkflowExecution,
) {
    fun start(description: String) {
        val target = cmd.execution
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
            .setRequestCancelExternalWorkflowExecutionCommandAttributes(
                RequestCancelExternalWorkflowExecutionCommandAttributes.newBuilder()
                    .setNamespace(target.namespace).setWorkflowId(target.workflowId).setRunId(target.runId),
            ).build()
        ctx.enqueue(
            PendingCommand(
                command, description, EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, ctx.replaying,
                matches = { it.requestCancelExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowId == target.workflowId },
                onRecorded = { initiated ->
                    ctx.route(initiated.eventId) { e ->
                        when (e.eventType) {
                            EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
                                ctx.resolve(ActivationJob.ResolveRequestCancelExternalWorkflow(cmd.seq), e.eventId)
                            EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> {
                                val cause = e.requestCancelExternalWorkflowExecutionFailedEventAttributes.cause
                                val failure = Failure.newBuilder()
                                    .setMessage("Unable to cancel external workflow '${target.workflowId}': ${cause.name}")
                                    .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("CancelExternalWorkflowExecutionFailed"))
                                    .build()
                                ctx.resolve(ActivationJob.ResolveRequestCancelExternalWorkflow(cmd.seq, failure), e.eventId)
                            }
                            else -> Unit
                        }
                    }
                },
            ),
        )
    }
}
