package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi

/**
 * A workflow run addressed across namespaces: the parent or root of a child workflow, or the target
 * of an external signal or cancel request.
 *
 * @property namespace namespace of the run; for commands an empty string means the workflow's own.
 * @property workflowId the workflow id.
 * @property runId the run id; empty means the current run of [workflowId].
 */
@InternalTemporalApi
public data class NamespacedExecution(
    public val namespace: String,
    public val workflowId: String,
    public val runId: String = "",
)
