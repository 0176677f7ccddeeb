package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi

/** Whom a [WorkflowCommand.SignalExternalWorkflowExecution] addresses. */
@InternalTemporalApi
public sealed interface SignalTarget {
    /** Any workflow run, possibly in another namespace. */
    public data class External(public val execution: NamespacedExecution) : SignalTarget

    /** A child of the signalling workflow, by its workflow id. */
    public data class Child(public val workflowId: String) : SignalTarget
}
