package dev.temporalkt.failure

/**
 * A failure whose kind this SDK version does not recognize: the proto had no failure info, or one added
 * to the Temporal API after this release. Its [failure] proto is kept, so it is sent on unchanged.
 */
public class GenericFailure @JvmOverloads constructor(
    message: String,
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
