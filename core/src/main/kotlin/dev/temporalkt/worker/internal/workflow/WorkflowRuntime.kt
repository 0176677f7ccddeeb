package dev.temporalkt.worker.internal.workflow

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion

/**
 * The workflow code of one run, as the worker's core sees it: the one seam between the core (history, state
 * machines, the cache, the server) and a workflow runtime (the Kotlin coroutine runtime, the Java facade over it).
 * [WorkflowTaskProcessor] creates one per run with a [WorkflowRuntimeFactory] and feeds it every activation of the
 * run, one at a time, in order; the last one it gets is an eviction (`RemoveFromCache`), after which it is dropped.
 *
 * ```
 * val runtime = factory.create(initializeJob)
 * val completion = runtime.activate(activation)   // commands, or a failed workflow task
 * ```
 */
@InternalTemporalApi
public fun interface WorkflowRuntime {
    /**
     * Applies [activation] to the run's code and answers with the commands it issued, or with the failure of the
     * workflow task. Never throws. May block the calling thread while workflow code runs (bounded by the runtime's
     * deadlock detection), so the caller calls it where blocking is allowed.
     */
    public fun activate(activation: WorkflowActivation): WorkflowActivationCompletion

    /**
     * How the run moves between worker deployment versions, as its workflow states it (see
     * [dev.temporalkt.common.VersioningBehavior]); read after each activation, so a run may choose it as it goes.
     * [dev.temporalkt.common.VersioningBehavior.UNSPECIFIED] leaves it to the worker's default.
     */
    public val versioningBehavior: dev.temporalkt.common.VersioningBehavior
        get() = dev.temporalkt.common.VersioningBehavior.UNSPECIFIED
}
