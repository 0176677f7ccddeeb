package dev.temporalkt.failure

import dev.temporalkt.api.enums.v1.TimeoutType as TimeoutTypeProto

/**
 * Which timeout fired. Mirrors the `temporal.api.enums.v1.TimeoutType` enum; unknown values are read as
 * [UNSPECIFIED].
 */
public enum class TimeoutType {
    /** The timeout kind was not reported. */
    UNSPECIFIED,

    /** A single attempt ran longer than its start-to-close timeout. */
    START_TO_CLOSE,

    /** The task waited in its queue longer than its schedule-to-start timeout. */
    SCHEDULE_TO_START,

    /** The whole execution, retries included, exceeded its schedule-to-close timeout. */
    SCHEDULE_TO_CLOSE,

    /** An activity did not heartbeat within its heartbeat timeout. */
    HEARTBEAT,
    ;

    /** The protobuf value of this timeout type. */
    public fun toProto(): TimeoutTypeProto = when (this) {
        UNSPECIFIED -> TimeoutTypeProto.TIMEOUT_TYPE_UNSPECIFIED
        START_TO_CLOSE -> TimeoutTypeProto.TIMEOUT_TYPE_START_TO_CLOSE
        SCHEDULE_TO_START -> TimeoutTypeProto.TIMEOUT_TYPE_SCHEDULE_TO_START
        SCHEDULE_TO_CLOSE -> TimeoutTypeProto.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE
        HEARTBEAT -> TimeoutTypeProto.TIMEOUT_TYPE_HEARTBEAT
    }

    /** Conversion from the protobuf enum. */
    public companion object {
        /** The timeout type for a protobuf value; unknown values become [UNSPECIFIED]. */
        @JvmStatic
        public fun fromProto(proto: TimeoutTypeProto): TimeoutType = when (proto) {
            TimeoutTypeProto.TIMEOUT_TYPE_START_TO_CLOSE -> START_TO_CLOSE
            TimeoutTypeProto.TIMEOUT_TYPE_SCHEDULE_TO_START -> SCHEDULE_TO_START
            TimeoutTypeProto.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE -> SCHEDULE_TO_CLOSE
            TimeoutTypeProto.TIMEOUT_TYPE_HEARTBEAT -> HEARTBEAT
            TimeoutTypeProto.TIMEOUT_TYPE_UNSPECIFIED, TimeoutTypeProto.UNRECOGNIZED -> UNSPECIFIED
        }
    }
}
