package dev.temporalkt.client

import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy as WorkflowIdReusePolicyProto

/**
 * Whether a workflow id may be reused after an execution with that id has closed.
 *
 * ```kotlin
 * WorkflowOptions(id = "order-1", taskQueue = "orders", idReusePolicy = WorkflowIdReusePolicy.REJECT_DUPLICATE)
 * ```
 */
public enum class WorkflowIdReusePolicy(internal val proto: WorkflowIdReusePolicyProto) {
    /** Leave the choice to the server (which allows duplicates). */
    UNSPECIFIED(WorkflowIdReusePolicyProto.WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED),

    /** A new execution may start whatever way the previous one closed. */
    ALLOW_DUPLICATE(WorkflowIdReusePolicyProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE),

    /** A new execution may start only if the previous one failed, was canceled, terminated or timed out. */
    ALLOW_DUPLICATE_FAILED_ONLY(WorkflowIdReusePolicyProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY),

    /** No new execution may ever start with this id. */
    REJECT_DUPLICATE(WorkflowIdReusePolicyProto.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE),

    /** Terminate a running execution with this id and start a new one (prefer [WorkflowIdConflictPolicy.TERMINATE_EXISTING]). */
    TERMINATE_IF_RUNNING(WorkflowIdReusePolicyProto.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING),
}
