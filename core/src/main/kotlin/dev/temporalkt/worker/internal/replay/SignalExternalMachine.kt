@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.SignalExternalWorkflowExecutionCommandAttributes
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * A signal to another workflow: command → (SignalExternalWorkflowExecutionInitiated) →
 * ExternalWorkflowExecutionSignaled (resolves without failure) or SignalExternalWorkflowExecutionFailed
 * (resolves with an application failure naming the cause); see [ExternalWorkflowRequest].
 */
internal class SignalExternalMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.SignalExternalWorkflowExecution,
) {
    /** Queues the command; [onFinal] is called once the request is resolved or withdrawn. */
    fun start(description: String, onFinal: (ExternalWorkflowRequest) -> Unit): ExternalWorkflowRequest {
        val a = SignalExternalWorkflowExecutionCommandAttributes.newBuilder()
            .setSignalName(cmd.signalName).setInput(cmd.args)
        if (cmd.headers.fieldsCount > 0) a.setHeader(cmd.headers)
        val targetWorkflowId = when (val t = cmd.target) {
            is SignalTarget.External -> {
                a.setNamespace(t.execution.namespace)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(t.execution.workflowId).setRunId(t.execution.runId))
                t.execution.workflowId
            }
            is SignalTarget.Child -> {
                a.setExecution(WorkflowExecution.newBuilder().setWorkflowId(t.workflowId)).setChildWorkflowOnly(true)
                t.workflowId
            }
        }
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION)
            .setSignalExternalWorkflowExecutionCommandAttributes(a).build()
        return ExternalWorkflowRequest(
            ctx, ExternalRequestKind.SIGNAL, cmd.seq, targetWorkflowId,
            matches = { it.signalExternalWorkflowExecutionInitiatedEventAttributes.signalName == cmd.signalName },
            onFinal = onFinal,
        ).also { it.start(command, description) }
    }
}
