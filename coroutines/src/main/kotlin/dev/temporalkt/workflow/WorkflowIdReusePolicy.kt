package dev.temporalkt.workflow

/** Whether a workflow id already used by a closed run may be used again when starting a (child) workflow. */
public enum class WorkflowIdReusePolicy {
    /** Allowed, whatever the previous run's outcome. The default. */
    ALLOW_DUPLICATE,

    /** Allowed only if the previous run did not complete successfully. */
    ALLOW_DUPLICATE_FAILED_ONLY,

    /** Never allowed. */
    REJECT_DUPLICATE,
}
