package dev.temporalkt.failure

/**
 * An error raised by the Temporal server itself while processing an execution (as opposed to an error
 * of application code).
 */
public class ServerFailure @JvmOverloads constructor(
    message: String,
    /** Whether the server marked the error as not retryable. */
    public val nonRetryable: Boolean = false,
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
