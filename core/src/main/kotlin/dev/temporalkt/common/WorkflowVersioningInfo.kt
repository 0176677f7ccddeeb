package dev.temporalkt.common

/**
 * Where a workflow run is in its worker deployment, as the server describes it.
 *
 * @property behavior the behaviour the last completed workflow task stated (or the override's);
 *   [VersioningBehavior.UNSPECIFIED] for a run of unversioned workers.
 * @property deploymentVersion the version whose workers run the run's tasks; `null` when unversioned.
 * @property versioningOverride the override the run was given, if any.
 */
public data class WorkflowVersioningInfo(
    val behavior: VersioningBehavior,
    val deploymentVersion: WorkerDeploymentVersion?,
    val versioningOverride: VersioningOverride?,
)
