package dev.temporalkt.client

import dev.temporalkt.api.enums.v1.UpdateWorkflowExecutionLifecycleStage

/**
 * How far an update must have progressed before [WorkflowHandle.startUpdate] returns.
 *
 * ```kotlin
 * val update = handle.startUpdate<Int>("addItem", listOf("apple"), waitForStage = WorkflowUpdateStage.ACCEPTED)
 * ```
 */
public enum class WorkflowUpdateStage(internal val proto: UpdateWorkflowExecutionLifecycleStage) {
    /** The server has received the update (only used internally; callers cannot wait for just this stage). */
    ADMITTED(UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED),

    /** The workflow's validator accepted the update (or rejected it, in which case the outcome is known). */
    ACCEPTED(UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED),

    /** The update handler finished; its result or failure is known. */
    COMPLETED(UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED),
}
