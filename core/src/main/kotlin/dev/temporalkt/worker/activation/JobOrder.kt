package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi

/**
 * The order of jobs inside a [WorkflowActivation]. Runtimes rely on it, and replays depend on it
 * never changing for an existing history.
 *
 * ## The rule
 *
 * Jobs are grouped into ranks; a lower rank comes first, and jobs of the same rank keep the order in
 * which their events appear in history:
 *
 * 0. [ActivationJob.InitializeWorkflow] — the run must exist before anything else applies to it.
 * 1. [ActivationJob.NotifyHasPatch] — patch checks hold for the whole activation, including signal
 *    and update handlers that run in it, so the runtime must know every patch before running any code.
 * 2. [ActivationJob.UpdateRandomSeed] — likewise, any code in this activation must see the new seed.
 * 3. [ActivationJob.SignalWorkflow] and [ActivationJob.DoUpdate] — handlers start before the main
 *    workflow routine (and everything it spawned) resumes, so the main routine observes their effects.
 *    Signals and updates are interleaved as in history.
 * 4. Every other mutating job: timer, activity, child, external, Nexus resolutions and
 *    [ActivationJob.CancelWorkflow].
 * 5. [ActivationJob.ResolveActivity] with `isLocal = true`. A local activity always finishes after the
 *    jobs that were ready in the same workflow task when it first ran; on replay its result comes from a
 *    marker found by looking ahead in history, which would otherwise place it too early (for example
 *    before the cancellation of an abandoned activity). Ranking it last reproduces what the run saw.
 * 6. [ActivationJob.QueryWorkflow] — never mixed with any job above: queries only read state, so they
 *    get their own activation after the mutating one.
 * 7. [ActivationJob.RemoveFromCache] — always alone in its activation, after all others.
 *
 * The Python SDK applies activations the same way (the Rust core orders the jobs, the runtime runs the handlers of
 * signals and updates until nothing more can run before it applies the rest), so a workflow ported from it observes
 * the same order. The TypeScript SDK (1.11 and later) applies all jobs of an activation before running any code
 * (its logic flag 2, and always for activations without signals): a workflow whose commands depend on whether a
 * handler or the run function acts first in such an activation does not replay across the two SDKs.
 *
 * ## Mixed queries and evictions
 *
 * [sort] orders the jobs of *one* activation and rejects a list that no activation may hold (queries
 * together with mutating jobs, an eviction together with anything). [partition] is for a producer that
 * accumulated jobs of every kind: it splits them into the activations to send, in order.
 *
 * ## Changing the rule
 *
 * Both functions take the [LogicFlag]s available to the run. A future change of order must be gated
 * by a new flag so that runs recorded under this rule replay under it; see [LogicFlag].
 *
 * ```
 * val ordered = JobOrder.sort(
 *     listOf(ActivationJob.FireTimer(1), signal, ActivationJob.NotifyHasPatch("p")),
 *     flags = emptySet(),
 * )
 * // [NotifyHasPatch("p"), signal, FireTimer(1)]
 * ```
 */
@InternalTemporalApi
public object JobOrder {
    /**
     * The jobs of one activation in the order defined above. The sort is stable: jobs of equal rank
     * keep their relative (history) order.
     *
     * @param jobs the jobs of one activation in history order.
     * @param flags logic flags available to the run (none changes the order yet).
     * @throws IllegalArgumentException if [jobs] mixes queries with mutating jobs, holds an eviction
     *   with any other job, or holds more than one [ActivationJob.InitializeWorkflow].
     */
    public fun sort(jobs: List<ActivationJob>, flags: Set<LogicFlag>): List<ActivationJob> {
        validate(jobs)
        return jobs.sortedBy { rank(it, flags) }
    }

    /**
     * Splits [jobs] accumulated in history order into the activations to deliver, in delivery order:
     * the mutating jobs (sorted by [sort]), then the queries, then the eviction alone. Empty groups are
     * left out, so an empty [jobs] gives an empty list.
     *
     * @throws IllegalArgumentException if [jobs] holds more than one [ActivationJob.RemoveFromCache] or
     *   more than one [ActivationJob.InitializeWorkflow].
     */
    public fun partition(jobs: List<ActivationJob>, flags: Set<LogicFlag>): List<List<ActivationJob>> {
        val evictions = jobs.filterIsInstance<ActivationJob.RemoveFromCache>()
        require(evictions.size <= 1) {
            "A run can be evicted only once, but the jobs hold ${evictions.size} RemoveFromCache jobs: $evictions. " +
                "Emit a single eviction for the run."
        }
        val queries = jobs.filterIsInstance<ActivationJob.QueryWorkflow>()
        val mutating = jobs.filter { it !is ActivationJob.QueryWorkflow && it !is ActivationJob.RemoveFromCache }
        return buildList {
            if (mutating.isNotEmpty()) add(sort(mutating, flags))
            if (queries.isNotEmpty()) add(queries)
            if (evictions.isNotEmpty()) add(evictions)
        }
    }

    private fun validate(jobs: List<ActivationJob>) {
        if (jobs.any { it is ActivationJob.RemoveFromCache }) {
            require(jobs.size == 1) {
                "RemoveFromCache must be the only job of its activation, but it came with ${jobs.size - 1} other " +
                    "job(s): ${kindsOf(jobs.filter { it !is ActivationJob.RemoveFromCache })}. " +
                    "Deliver those first and evict in an activation of its own (JobOrder.partition does this)."
            }
        }
        val queryCount = jobs.count { it is ActivationJob.QueryWorkflow }
        require(queryCount == 0 || queryCount == jobs.size) {
            "Queries must not share an activation with other jobs, but $queryCount QueryWorkflow job(s) came with " +
                "${kindsOf(jobs.filter { it !is ActivationJob.QueryWorkflow })}. " +
                "Deliver the other jobs first and the queries in an activation of their own (JobOrder.partition does this)."
        }
        val initCount = jobs.count { it is ActivationJob.InitializeWorkflow }
        require(initCount <= 1) {
            "An activation may initialize the run once, but it holds $initCount InitializeWorkflow jobs."
        }
    }

    private fun kindsOf(jobs: List<ActivationJob>): List<String> = jobs.map { it::class.simpleName ?: "?" }

    @Suppress("UNUSED_PARAMETER") // flags select among order variants once a LogicFlag changes the order
    private fun rank(job: ActivationJob, flags: Set<LogicFlag>): Int = when (job) {
        is ActivationJob.InitializeWorkflow -> 0
        is ActivationJob.NotifyHasPatch -> 1
        is ActivationJob.UpdateRandomSeed -> 2
        is ActivationJob.SignalWorkflow, is ActivationJob.DoUpdate -> 3
        is ActivationJob.ResolveActivity -> if (job.isLocal) 5 else 4
        is ActivationJob.FireTimer,
        is ActivationJob.ResolveChildWorkflowExecutionStart,
        is ActivationJob.ResolveChildWorkflowExecution,
        is ActivationJob.ResolveSignalExternalWorkflow,
        is ActivationJob.ResolveRequestCancelExternalWorkflow,
        is ActivationJob.ResolveNexusOperationStart,
        is ActivationJob.ResolveNexusOperation,
        is ActivationJob.CancelWorkflow -> 4
        is ActivationJob.QueryWorkflow -> 6
        is ActivationJob.RemoveFromCache -> 7
    }
}
