package dev.temporalkt.common

/**
 * How a workflow run moves between the versions of a worker deployment. A versioned worker states it with every
 * workflow task it completes: per workflow type with `@Workflow(versioningBehavior = ...)`, or the worker's default
 * (`WorkerDeploymentOptions.defaultVersioningBehavior`).
 */
public enum class VersioningBehavior {
    /** Not stated; a versioned worker refuses to run a workflow whose behaviour is unspecified. */
    UNSPECIFIED,

    /**
     * The run stays on the version that started it until it closes (or continues as new), whatever version becomes
     * current meanwhile: its code never meets a history written by other code.
     */
    PINNED,

    /**
     * The run moves to the deployment's current (or ramping) version at its next workflow task after that version
     * changes: its code must replay histories of the versions before it (use `Workflow.patched` for changes).
     */
    AUTO_UPGRADE,
}
