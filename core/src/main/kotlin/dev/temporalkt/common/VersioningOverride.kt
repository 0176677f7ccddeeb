package dev.temporalkt.common

/**
 * Overrides the versioning behaviour of a workflow run, whatever its workflow code states: set when starting it
 * (`WorkflowOptions.versioningOverride`), for instance to pin a run to a version for a test or to move a stuck run.
 */
public sealed interface VersioningOverride {
    /** The run stays on [version] (which must exist in the deployment) until it closes. */
    public data class Pinned(val version: WorkerDeploymentVersion) : VersioningOverride

    /** The run follows the deployment's current version, as [VersioningBehavior.AUTO_UPGRADE] workflows do. */
    public data object AutoUpgrade : VersioningOverride
}
