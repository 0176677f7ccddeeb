package dev.temporalkt.worker.internal.workflow

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob

/**
 * Creates the [WorkflowRuntime] of each run a worker processes: the workflow runtime's side of the seam (the Kotlin
 * coroutine runtime provides one; see `dev.temporalkt.worker.internal.KotlinWorkflowRuntimes` in the coroutines
 * module).
 */
@InternalTemporalApi
public interface WorkflowRuntimeFactory {
    /** The workflow types the factory has code for, sorted; for messages. */
    public val workflowTypes: List<String>

    /**
     * The runtime of the run started by [initialize] (the first activation's InitializeWorkflow job).
     *
     * @throws UnknownWorkflowTypeException when no workflow code is registered for its type.
     */
    public fun create(initialize: ActivationJob.InitializeWorkflow): WorkflowRuntime
}

/** A task for a workflow type the worker has no code for; the message names the registered types. */
@InternalTemporalApi
public class UnknownWorkflowTypeException(message: String) : RuntimeException(message)
