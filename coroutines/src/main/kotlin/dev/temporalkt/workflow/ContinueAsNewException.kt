@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * Thrown by [Workflow.continueAsNew] to end the run and start a new one. It must propagate out of the run
 * function (or a signal or update handler); do not catch it.
 */
public class ContinueAsNewException internal constructor(
    internal val command: WorkflowCommand.ContinueAsNewWorkflowExecution,
) : RuntimeException("Workflow continues as new as '${command.workflowType.ifEmpty { "the same type" }}'") {
    override fun fillInStackTrace(): Throwable = this
}
