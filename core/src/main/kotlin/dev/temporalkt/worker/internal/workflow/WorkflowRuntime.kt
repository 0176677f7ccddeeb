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
     * Applies [first], then each activation [next] hands out until it returns `null`, giving every completion to
     * [completed] before asking for the next one: the activations of one workflow task, which is many when a run is
     * rebuilt from its history (a replay, or the first task of a run the worker had evicted). The result is that of
     * calling [activate] for each in turn, which is what the default does; a runtime that runs workflow code on a
     * thread of its own overrides it to hand the whole sequence to that thread at once, [next] and [completed]
     * included, instead of handing each activation there and back. An exception thrown by [next] or [completed]
     * (such as a non-determinism error of the engine) ends the sequence and is rethrown to the caller as it is.
     */
    public fun activateAll(first: WorkflowActivation, next: () -> WorkflowActivation?, completed: (WorkflowActivationCompletion) -> Unit) {
        var activation: WorkflowActivation? = first
        while (activation != null) {
            completed(activate(activation))
            activation = next()
        }
    }

    /**
     * [activateAll] for a caller in a coroutine, which suspends instead of blocking its thread. A runtime may apply the
     * activations on the caller's own thread once the caller has suspended, and resume it there, with no thread
     * hand-off at all (the Kotlin runtime does, on the workers' threads); the default blocks in [activateAll].
     */
    public suspend fun activateAllSuspending(
        first: WorkflowActivation,
        next: () -> WorkflowActivation?,
        completed: (WorkflowActivationCompletion) -> Unit,
    ): Unit = activateAll(first, next, completed)

    /**
     * Lets the run go without an eviction when nothing of its code is left to stop, and answers whether it did.
     *
     * The rule: a run whose code has ended — no coroutine or callback of it waits for anything, nothing is queued to
     * run — has nothing an eviction (`RemoveFromCache`) would do, and the caller drops it at once, on its own thread,
     * instead of handing the eviction to the run's thread. Any other run answers `false` and gets the eviction as
     * usual; so does every run of a runtime that cannot tell (the default). Called only by the holder of the run's
     * lock, between activations, and never for a run with an activation in progress. After `true` the runtime gets
     * no further activation.
     */
    public fun releaseIfFinished(): Boolean = false

    /**
     * How the run moves between worker deployment versions, as its workflow states it (see
     * [dev.temporalkt.common.VersioningBehavior]); read after each activation, so a run may choose it as it goes.
     * [dev.temporalkt.common.VersioningBehavior.UNSPECIFIED] leaves it to the worker's default.
     */
    public val versioningBehavior: dev.temporalkt.common.VersioningBehavior
        get() = dev.temporalkt.common.VersioningBehavior.UNSPECIFIED
}
