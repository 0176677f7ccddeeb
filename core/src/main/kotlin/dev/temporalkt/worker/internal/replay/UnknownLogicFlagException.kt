package dev.temporalkt.worker.internal.replay

import dev.temporalkt.internal.InternalTemporalApi

/**
 * History records [dev.temporalkt.worker.activation.LogicFlag] ids this SDK version does not know: a newer version
 * processed the run and switched on a behaviour this worker cannot reproduce. Replaying along the old path could
 * silently produce other commands, so the engine stops instead; the worker fails the workflow *task* (the server
 * retries it, so the run resumes once workers of that newer version poll the task queue) and the replayer throws it.
 *
 * Flags recorded under the name of another SDK (the SDK metadata's `sdk_name`) are that SDK's own and are not
 * checked.
 *
 * ```
 * Workflow 'Order' (id o-1, run r-1): history event 4 records logic flag 7, unknown to temporal-kt 0.1.0; ...
 * ```
 *
 * @property eventId the workflow task completed event that records the flags.
 * @property unknownIds the unknown ids, ascending.
 */
@InternalTemporalApi
public class UnknownLogicFlagException(
    public val workflowType: String,
    public val workflowId: String,
    public val runId: String,
    public val eventId: Long,
    public val unknownIds: List<Int>,
    sdkName: String,
    sdkVersion: String,
) : RuntimeException(
    "Workflow '$workflowType' (id $workflowId, run $runId): history event $eventId records " +
        "logic flag${if (unknownIds.size == 1) "" else "s"} ${unknownIds.joinToString()}, unknown to $sdkName $sdkVersion; " +
        "a newer version of the SDK processed this run. Run it on workers with that version or later; " +
        "this worker fails the workflow task rather than guess the behaviour the flag selects.",
)
