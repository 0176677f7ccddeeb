package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.query.v1.WorkflowQueryResult
import dev.temporalkt.api.sdk.v1.WorkflowTaskCompletedMetadata
import dev.temporalkt.internal.InternalTemporalApi

/**
 * What the worker sends back for one polled workflow task, from [WorkflowRunEngine.taskCompletion].
 *
 * - A normal task: respond completed with [commands], [messages], [queryResults], [sdkMetadata] and
 *   [forceCreateNewWorkflowTask].
 * - A legacy query task: answer with [legacyQueryResult] (respond-query-task-completed); the other
 *   fields are empty.
 * - A failed activation: [failure] is set; respond failed with it and [failureCause], then evict the run.
 *
 * @property commands new commands, in the order the workflow issued them.
 * @property messages protocol messages (update acceptances, rejections and responses); every
 *   acceptance and response is referenced by a protocol-message command in [commands].
 * @property queryResults answers to the task's `queries` map, by query id.
 * @property legacyQueryResult answer to the task's legacy `query`, if it had one.
 * @property sdkMetadata logic flags first used in this task, as lang-used flags, and the SDK name and version
 *   ([EngineOptions.sdkName], [EngineOptions.sdkVersion]) each time they differ from those history last recorded
 *   (so normally on the run's first task only, and again after a task processed by another SDK or version).
 * @property forceCreateNewWorkflowTask ask the server for a new workflow task right away.
 * @property failure the workflow task failure reported by the runtime, or `null`.
 * @property failureCause the cause to report with [failure].
 */
@InternalTemporalApi
public data class WorkflowTaskCompletion(
    public val commands: List<Command> = emptyList(),
    public val messages: List<Message> = emptyList(),
    public val queryResults: Map<String, WorkflowQueryResult> = emptyMap(),
    public val legacyQueryResult: WorkflowQueryResult? = null,
    public val sdkMetadata: WorkflowTaskCompletedMetadata = WorkflowTaskCompletedMetadata.getDefaultInstance(),
    public val forceCreateNewWorkflowTask: Boolean = false,
    public val failure: Failure? = null,
    public val failureCause: WorkflowTaskFailedCause =
        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED,
)
