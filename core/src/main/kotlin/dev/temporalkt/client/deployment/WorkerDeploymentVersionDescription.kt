package dev.temporalkt.client.deployment

import dev.temporalkt.api.workflowservice.v1.DescribeWorkerDeploymentVersionResponse
import dev.temporalkt.common.WorkerDeploymentVersion

/**
 * One version of a worker deployment as the server describes it.
 *
 * @property version the version.
 * @property status where it stands in the rollout.
 * @property rampPercentage the share of new workflows it gets while [status] is ramping.
 * @property taskQueues the task queues its workers poll, as `name` → kinds polled (`WORKFLOW`, `ACTIVITY`, `NEXUS`).
 * @property raw the server's response.
 */
public class WorkerDeploymentVersionDescription internal constructor(
    public val version: WorkerDeploymentVersion,
    public val status: WorkerDeploymentVersionStatus,
    public val rampPercentage: Float,
    public val taskQueues: Map<String, Set<String>>,
    public val raw: DescribeWorkerDeploymentVersionResponse,
) {
    override fun toString(): String = "WorkerDeploymentVersionDescription($version, $status, taskQueues=$taskQueues)"
}
