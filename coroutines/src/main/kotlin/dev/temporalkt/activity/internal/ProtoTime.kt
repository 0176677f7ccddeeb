package dev.temporalkt.activity.internal

import java.time.Instant
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds

internal fun com.google.protobuf.Timestamp.toInstantOrNull(): Instant? =
    if (seconds == 0L && nanos == 0) null else Instant.ofEpochSecond(seconds, nanos.toLong())

/** A proto duration as a Kotlin one; zero (the proto's "unset") becomes `null`. */
internal fun com.google.protobuf.Duration.toPositiveDurationOrNull(): Duration? {
    val duration = seconds.seconds + nanos.nanoseconds
    return if (duration.isPositive()) duration else null
}
