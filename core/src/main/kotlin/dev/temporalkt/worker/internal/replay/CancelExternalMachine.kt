@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * A cancel request to another workflow: command → (RequestCancelExternalWorkflowExecutionInitiated) →
 * ExternalWorkflowExecutionCancelRequested (resolves without failure) or
 * RequestCancelExternalWorkflowExecutionFailed (resolves with an application failure naming the cause); see
 * [ExternalWorkflowRequest].
 */
internal class CancelExternalMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.RequestCancelExternalWorkflowExecution,
) {
    /** Queues the command; [onFinal] is called once the request is resolved or withdrawn. */
    fun start(description: String, onFinal: (ExternalWorkflowRequest) -> Unit): ExternalWorkflowRequest {
        val target = cmd.execution
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
            .setRequestCancelExternalWorkflowExecutionCommandAttributes(
                RequestCancelExternalWorkflowExecutionCommandAttributes.newBuilder()
                    .setNamespace(target.namespace).setWorkflowId(target.workflowId).setRunId(target.runId),
            ).build()
        return ExternalWorkflowRequest(ctx, ExternalRequestKind.CANCEL, cmd.seq, target.workflowId, onFinal = onFinal)
            .also { it.start(command, description) }
    }
}
