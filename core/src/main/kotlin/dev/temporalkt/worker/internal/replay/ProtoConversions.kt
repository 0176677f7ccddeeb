package dev.temporalkt.worker.internal.replay

import com.google.protobuf.Timestamp
import java.time.Instant
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds

/** Conversions between protobuf time types and Kotlin/Java ones, for the replay engine only. */
internal object ProtoConversions {
    fun toProto(d: Duration): com.google.protobuf.Duration {
        val whole = d.inWholeSeconds
        val nanos = (d - whole.seconds).inWholeNanoseconds.toInt()
        return com.google.protobuf.Duration.newBuilder().setSeconds(whole).setNanos(nanos).build()
    }

    fun fromProto(d: com.google.protobuf.Duration): Duration = d.seconds.seconds + d.nanos.nanoseconds

    /** `null` when [present] is false, so unset optional durations stay unset. */
    fun fromProtoOrNull(present: Boolean, d: com.google.protobuf.Duration): Duration? = if (present) fromProto(d) else null

    /** A workflow timeout: absent or zero (how servers write "none") is `null`. */
    fun timeoutOrNull(present: Boolean, d: com.google.protobuf.Duration): Duration? =
        if (present && (d.seconds != 0L || d.nanos != 0)) fromProto(d) else null

    fun toInstant(t: Timestamp): Instant = Instant.ofEpochSecond(t.seconds, t.nanos.toLong())
}
