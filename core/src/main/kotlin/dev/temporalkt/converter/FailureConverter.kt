package dev.temporalkt.converter

import dev.temporalkt.api.failure.v1.Failure

/**
 * Converts exceptions to Temporal [Failure] protos and back, keeping the whole cause chain.
 *
 * Failures cross SDK boundaries: a failure produced here must be understood by the other Temporal SDKs
 * and the reverse. Details and last-heartbeat payloads inside failures are produced by the given
 * [PayloadConverter]; a [PayloadCodec] chain is applied to the resulting proto separately by
 * [DataConverter].
 */
public interface FailureConverter {
    /** Converts [exception] (and its causes) into a failure proto. */
    public fun toFailure(exception: Throwable, payloadConverter: PayloadConverter): Failure

    /** Converts [failure] (and its causes) into an exception. */
    public fun toException(failure: Failure, payloadConverter: PayloadConverter): Throwable
}
