package dev.temporalkt.common

import dev.temporalkt.api.enums.v1.WorkflowExecutionStatus as StatusProto

/**
 * The state of a workflow execution. Mirrors `temporal.api.enums.v1.WorkflowExecutionStatus`; unknown
 * values are read as [UNSPECIFIED].
 */
public enum class WorkflowExecutionStatus {
    /** The status was not reported. */
    UNSPECIFIED,

    /** The execution is running. */
    RUNNING,

    /** The execution completed successfully. */
    COMPLETED,

    /** The execution failed. */
    FAILED,

    /** The execution was cancelled. */
    CANCELED,

    /** The execution was terminated. */
    TERMINATED,

    /** The execution continued as a new run. */
    CONTINUED_AS_NEW,

    /** The execution timed out. */
    TIMED_OUT,

    /** The execution is paused. */
    PAUSED,
    ;

    /** The protobuf value of this status. */
    public fun toProto(): StatusProto = when (this) {
        UNSPECIFIED -> StatusProto.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED
        RUNNING -> StatusProto.WORKFLOW_EXECUTION_STATUS_RUNNING
        COMPLETED -> StatusProto.WORKFLOW_EXECUTION_STATUS_COMPLETED
        FAILED -> StatusProto.WORKFLOW_EXECUTION_STATUS_FAILED
        CANCELED -> StatusProto.WORKFLOW_EXECUTION_STATUS_CANCELED
        TERMINATED -> StatusProto.WORKFLOW_EXECUTION_STATUS_TERMINATED
        CONTINUED_AS_NEW -> StatusProto.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
        TIMED_OUT -> StatusProto.WORKFLOW_EXECUTION_STATUS_TIMED_OUT
        PAUSED -> StatusProto.WORKFLOW_EXECUTION_STATUS_PAUSED
    }

    /** Conversion from the protobuf enum. */
    public companion object {
        /** The status for a protobuf value; unknown values become [UNSPECIFIED]. */
        @JvmStatic
        public fun fromProto(proto: StatusProto): WorkflowExecutionStatus = when (proto) {
            StatusProto.WORKFLOW_EXECUTION_STATUS_RUNNING -> RUNNING
            StatusProto.WORKFLOW_EXECUTION_STATUS_COMPLETED -> COMPLETED
            StatusProto.WORKFLOW_EXECUTION_STATUS_FAILED -> FAILED
            StatusProto.WORKFLOW_EXECUTION_STATUS_CANCELED -> CANCELED
            StatusProto.WORKFLOW_EXECUTION_STATUS_TERMINATED -> TERMINATED
            StatusProto.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> CONTINUED_AS_NEW
            StatusProto.WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> TIMED_OUT
            StatusProto.WORKFLOW_EXECUTION_STATUS_PAUSED -> PAUSED
            StatusProto.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED, StatusProto.UNRECOGNIZED -> UNSPECIFIED
        }
    }
}
