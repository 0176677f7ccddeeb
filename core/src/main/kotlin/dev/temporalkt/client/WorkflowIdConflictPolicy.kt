package dev.temporalkt.client

import dev.temporalkt.api.enums.v1.WorkflowIdConflictPolicy as WorkflowIdConflictPolicyProto

/**
 * What happens when a workflow is started with the id of an execution that is still running.
 *
 * ```kotlin
 * WorkflowOptions(id = "cart-7", taskQueue = "carts", idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING)
 * ```
 */
public enum class WorkflowIdConflictPolicy(internal val proto: WorkflowIdConflictPolicyProto) {
    /** Leave the choice to the server (which fails the start). */
    UNSPECIFIED(WorkflowIdConflictPolicyProto.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED),

    /** Fail the start with [dev.temporalkt.failure.WorkflowAlreadyStartedException]. */
    FAIL(WorkflowIdConflictPolicyProto.WORKFLOW_ID_CONFLICT_POLICY_FAIL),

    /** Do not start anything; return a handle to the running execution. */
    USE_EXISTING(WorkflowIdConflictPolicyProto.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING),

    /** Terminate the running execution and start a new one. */
    TERMINATE_EXISTING(WorkflowIdConflictPolicyProto.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING),
}
