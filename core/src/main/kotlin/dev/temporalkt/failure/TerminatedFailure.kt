package dev.temporalkt.failure

/**
 * Reports that a workflow execution was terminated (by a client, an operator, or the server), which
 * stops it immediately without running any more workflow code.
 */
public class TerminatedFailure @JvmOverloads constructor(
    message: String,
    /** Identity of whoever terminated the execution; empty when unknown. */
    public val identity: String = "",
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
