package dev.temporalkt.worker.internal.replay

import dev.temporalkt.internal.InternalTemporalApi

/**
 * Settings of a [WorkflowRunEngine].
 *
 * ```
 * val engine = WorkflowRunEngine("default", "orders", EngineOptions(failRunOnNonDeterminism = true))
 * ```
 *
 * @property failRunOnNonDeterminism when `false` (the default) a mismatch between commands and history
 *   throws [NonDeterminismException] from [WorkflowRunEngine.applyCompletion] so that the worker fails
 *   the workflow *task*. When `true` the engine instead answers the task with a single
 *   fail-workflow-execution command carrying the mismatch, closing the run.
 */
@InternalTemporalApi
public data class EngineOptions(
    public val failRunOnNonDeterminism: Boolean = false,
)
