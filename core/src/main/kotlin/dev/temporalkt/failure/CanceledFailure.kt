package dev.temporalkt.failure

/**
 * Reports that a workflow, activity, child workflow, timer or Nexus operation was cancelled.
 *
 * A workflow awaiting a cancelled activity sees an [ActivityFailure] caused by a `CanceledFailure`; a
 * client whose workflow was cancelled sees a [WorkflowFailedException] caused by one. [details] carries
 * the values the cancelled code reported, if any.
 */
public class CanceledFailure @JvmOverloads constructor(
    message: String,
    /** Values attached by the cancelled code. */
    public val details: FailureDetails = FailureDetails.EMPTY,
    /** Identity of the worker or client that reported the cancellation; empty when unknown. */
    public val identity: String = "",
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
