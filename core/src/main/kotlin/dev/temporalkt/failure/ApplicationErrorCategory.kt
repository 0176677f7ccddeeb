package dev.temporalkt.failure

import dev.temporalkt.api.enums.v1.ApplicationErrorCategory as ApplicationErrorCategoryProto

/**
 * How an [ApplicationFailure] should be reported by observability tooling.
 *
 * Mirrors `temporal.api.enums.v1.ApplicationErrorCategory`; unknown values are read as [UNSPECIFIED].
 */
public enum class ApplicationErrorCategory {
    /** An ordinary error: logged at error level and counted in failure metrics. */
    UNSPECIFIED,

    /**
     * An expected, harmless error (for example a poll that found nothing yet and asks to be retried):
     * SDKs log it at a lower level and leave it out of failure metrics.
     */
    BENIGN,
    ;

    /** The protobuf value of this category. */
    public fun toProto(): ApplicationErrorCategoryProto = when (this) {
        UNSPECIFIED -> ApplicationErrorCategoryProto.APPLICATION_ERROR_CATEGORY_UNSPECIFIED
        BENIGN -> ApplicationErrorCategoryProto.APPLICATION_ERROR_CATEGORY_BENIGN
    }

    /** Conversion from the protobuf enum. */
    public companion object {
        /** The category for a protobuf value; unknown values become [UNSPECIFIED]. */
        @JvmStatic
        public fun fromProto(proto: ApplicationErrorCategoryProto): ApplicationErrorCategory = when (proto) {
            ApplicationErrorCategoryProto.APPLICATION_ERROR_CATEGORY_BENIGN -> BENIGN
            ApplicationErrorCategoryProto.APPLICATION_ERROR_CATEGORY_UNSPECIFIED,
            ApplicationErrorCategoryProto.UNRECOGNIZED,
            -> UNSPECIFIED
        }
    }
}
