package dev.temporalkt.common

/**
 * Which worker deployment version the run started by continue-as-new begins on, instead of its predecessor's (a
 * [VersioningBehavior.PINNED] run's successor otherwise stays on the same version).
 */
public enum class ContinueAsNewVersioningBehavior {
    /** The new run starts on the deployment's current version (or the ramping one, by the ramp), as a new workflow would. */
    AUTO_UPGRADE,

    /** The new run starts on the deployment's ramping version (or the current one when none ramps). */
    USE_RAMPING_VERSION,
}
