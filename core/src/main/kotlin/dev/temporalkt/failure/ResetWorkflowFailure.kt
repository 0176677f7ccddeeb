package dev.temporalkt.failure

/**
 * Reports that an activity was abandoned because its workflow was reset to an earlier point of its
 * history. [lastHeartbeatDetails] holds the activity's last heartbeat details, if any.
 */
public class ResetWorkflowFailure @JvmOverloads constructor(
    message: String,
    /** Details of the activity's last heartbeat; empty when none. */
    public val lastHeartbeatDetails: FailureDetails = FailureDetails.EMPTY,
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
