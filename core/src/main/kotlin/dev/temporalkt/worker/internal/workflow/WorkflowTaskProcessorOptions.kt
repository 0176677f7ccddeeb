package dev.temporalkt.worker.internal.workflow

import dev.temporalkt.internal.InternalTemporalApi
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Settings of a [WorkflowTaskProcessor], taken from the worker's options by the runtime that builds it.
 *
 * @property maxConcurrentWorkflowTasks workflow tasks processed at once.
 * @property workflowTaskPollers concurrent long polls of the workflow task queues (normal and sticky together).
 * @property maxCachedWorkflows runs kept in memory between workflow tasks; `0` turns caching and sticky queues off.
 * @property stickyScheduleToStartTimeout how long the server waits for this worker to pick up a sticky task.
 * @property failRunOnNonDeterminism fail the workflow execution, not only the task, on non-determinism.
 * @property upsertPatchSearchAttribute upsert `TemporalChangeVersion` after each new patch.
 */
@InternalTemporalApi
public data class WorkflowTaskProcessorOptions(
    val maxConcurrentWorkflowTasks: Int = 100,
    val workflowTaskPollers: Int = 5,
    val maxCachedWorkflows: Int = 1000,
    val stickyScheduleToStartTimeout: Duration = 10.seconds,
    val failRunOnNonDeterminism: Boolean = false,
    val upsertPatchSearchAttribute: Boolean = false,
)
