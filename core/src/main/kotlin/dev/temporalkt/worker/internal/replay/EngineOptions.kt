@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.internal.SdkIdentity
import dev.temporalkt.worker.activation.LogicFlag

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
 * @property sdkName the SDK name written into the SDK metadata of workflow task completions whenever history
 *   last recorded another one (or none).
 * @property sdkVersion the SDK version written the same way.
 * @property knownLogicFlags ids of the [LogicFlag]s this engine knows (all of them unless a test narrows or widens
 *   the set): available to new work, and the only ones history may record for our SDK.
 * @property upsertPatchSearchAttribute whether a patch marker of new work is followed by an upsert of the
 *   `TemporalChangeVersion` search attribute (see [PatchMarkers]); replay accepts histories with and without it.
 */
@InternalTemporalApi
public data class EngineOptions(
    public val failRunOnNonDeterminism: Boolean = false,
    public val sdkName: String = SdkIdentity.name,
    public val sdkVersion: String = SdkIdentity.version,
    public val knownLogicFlags: Set<Int> = ALL_LOGIC_FLAGS,
    public val upsertPatchSearchAttribute: Boolean = false,
)

/** The ids of every [LogicFlag], shared by every engine that keeps the default. */
private val ALL_LOGIC_FLAGS: Set<Int> = LogicFlag.entries.mapTo(LinkedHashSet()) { it.id }
