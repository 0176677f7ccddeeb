package dev.temporalkt.common.internal

import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds

/** Converts a finite [Duration] to a protobuf duration (whole seconds plus the nanosecond remainder). */
internal fun Duration.toProtoDuration(): com.google.protobuf.Duration {
    require(isFinite()) { "An infinite duration cannot be sent to the server; use a finite duration" }
    return toComponents { seconds, nanoseconds ->
        com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanoseconds).build()
    }
}

/** Converts a protobuf duration to a Kotlin [Duration]. */
internal fun com.google.protobuf.Duration.toKotlinDuration(): Duration = seconds.seconds + nanos.nanoseconds
