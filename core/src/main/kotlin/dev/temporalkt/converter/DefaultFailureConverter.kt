package dev.temporalkt.converter

import dev.temporalkt.api.failure.v1.Failure

/** Converts exceptions to Temporal failures and back in the format shared by all Temporal SDKs. */
public class DefaultFailureConverter : FailureConverter {
    override fun toFailure(exception: Throwable, payloadConverter: PayloadConverter): Failure = TODO()

    override fun toException(failure: Failure, payloadConverter: PayloadConverter): Throwable = TODO()
}
