package dev.temporalkt.client.deployment

import dev.temporalkt.api.workflowservice.v1.DescribeWorkerDeploymentResponse
import dev.temporalkt.common.WorkerDeploymentVersion
import java.time.Instant

/**
 * A worker deployment as the server describes it: its versions and where new workflows go.
 *
 * @property name the deployment's name.
 * @property currentVersion the version new workflows start on; `null` while unset (they go to unversioned workers).
 * @property rampingVersion the version that gets [rampingPercentage] percent of new workflows; `null` when none ramps.
 * @property rampingPercentage the share of new workflows that go to [rampingVersion], 0 to 100.
 * @property versions every version whose workers have polled (or that was registered), oldest first.
 * @property conflictToken the deployment's state as read now; not needed by this SDK's calls, kept for tooling.
 * @property raw the server's response.
 */
public class WorkerDeploymentDescription internal constructor(
    public val name: String,
    public val currentVersion: WorkerDeploymentVersion?,
    public val rampingVersion: WorkerDeploymentVersion?,
    public val rampingPercentage: Float,
    public val versions: List<VersionSummary>,
    public val conflictToken: ByteArray,
    public val raw: DescribeWorkerDeploymentResponse,
) {
    /**
     * One version of the deployment.
     *
     * @property version the version.
     * @property status where it stands in the rollout.
     * @property createTime when the server first saw it.
     */
    public data class VersionSummary(
        val version: WorkerDeploymentVersion,
        val status: WorkerDeploymentVersionStatus,
        val createTime: Instant?,
    )

    override fun toString(): String =
        "WorkerDeploymentDescription(name=$name, current=$currentVersion, ramping=$rampingVersion@$rampingPercentage%, versions=$versions)"
}
