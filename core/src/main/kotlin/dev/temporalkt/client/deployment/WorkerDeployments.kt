@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.client.deployment

import com.google.protobuf.Timestamp
import dev.temporalkt.api.deployment.v1.RoutingConfig
import dev.temporalkt.api.deployment.v1.WorkerDeploymentInfo
import dev.temporalkt.api.workflowservice.v1.DescribeWorkerDeploymentRequest
import dev.temporalkt.api.workflowservice.v1.DescribeWorkerDeploymentVersionRequest
import dev.temporalkt.api.workflowservice.v1.ListWorkerDeploymentsRequest
import dev.temporalkt.api.workflowservice.v1.SetWorkerDeploymentCurrentVersionRequest
import dev.temporalkt.api.workflowservice.v1.SetWorkerDeploymentRampingVersionRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.internal.rpc
import dev.temporalkt.common.DeploymentProtos
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.internal.InternalTemporalApi
import java.time.Instant

// The worker deployment calls of a client. They go straight to the server (client interceptors do not see them), as
// the `temporal worker deployment` commands of the CLI do. The server applies routing changes asynchronously: a
// describe right after a change may still show the state before it for a moment.

/**
 * Describes the worker deployment [deploymentName]: its versions and its routing (current and ramping version).
 *
 * ```kotlin
 * val deployment = client.describeWorkerDeployment("orders-service")
 * println("current: ${deployment.currentVersion}, ramping: ${deployment.rampingVersion} at ${deployment.rampingPercentage}%")
 * ```
 *
 * @throws dev.temporalkt.failure.RpcException with `NOT_FOUND` when no worker of the deployment has polled yet.
 */
public suspend fun Client.describeWorkerDeployment(deploymentName: String): WorkerDeploymentDescription {
    require(deploymentName.isNotBlank()) { "deploymentName must not be blank: name the worker deployment to describe" }
    val response = rpc {
        connection.workflowService.describeWorkerDeployment(
            DescribeWorkerDeploymentRequest.newBuilder().setNamespace(namespace).setDeploymentName(deploymentName).build(),
        )
    }
    val info = response.workerDeploymentInfo
    val routing = info.routingConfig
    return WorkerDeploymentDescription(
        name = info.name,
        currentVersion = currentOf(routing),
        rampingVersion = rampingOf(routing),
        rampingPercentage = if (rampingOf(routing) == null) 0f else routing.rampingVersionPercentage,
        versions = info.versionSummariesList.map(::summaryOf),
        conflictToken = response.conflictToken.toByteArray(),
        raw = response,
    )
}

/** The names of the namespace's worker deployments (every one a worker has polled with). */
public suspend fun Client.listWorkerDeployments(): List<String> {
    val names = ArrayList<String>()
    var token = com.google.protobuf.ByteString.EMPTY
    do {
        val response = rpc {
            connection.workflowService.listWorkerDeployments(
                ListWorkerDeploymentsRequest.newBuilder().setNamespace(namespace).setNextPageToken(token).build(),
            )
        }
        response.workerDeploymentsList.mapTo(names) { it.name }
        token = response.nextPageToken
    } while (!token.isEmpty)
    return names
}

/**
 * Describes one [version] of a worker deployment: its status and the task queues its workers poll.
 *
 * @throws dev.temporalkt.failure.RpcException with `NOT_FOUND` when no worker of the version has polled yet.
 */
public suspend fun Client.describeWorkerDeploymentVersion(version: WorkerDeploymentVersion): WorkerDeploymentVersionDescription {
    val response = rpc {
        connection.workflowService.describeWorkerDeploymentVersion(
            DescribeWorkerDeploymentVersionRequest.newBuilder().setNamespace(namespace)
                .setDeploymentVersion(DeploymentProtos.toProto(version)).build(),
        )
    }
    val info = response.workerDeploymentVersionInfo
    val queues = LinkedHashMap<String, MutableSet<String>>()
    for (queue in info.taskQueueInfosList) queues.getOrPut(queue.name) { LinkedHashSet() } += queue.type.name.removePrefix("TASK_QUEUE_TYPE_")
    return WorkerDeploymentVersionDescription(
        version = DeploymentProtos.fromProto(info.deploymentVersion) ?: version,
        status = WorkerDeploymentVersionStatus.fromProto(info.status),
        rampPercentage = info.rampPercentage,
        taskQueues = queues,
        raw = response,
    )
}

/**
 * Makes [version] the current version of its deployment: new workflows on the deployment's task queues start on it,
 * and running [dev.temporalkt.common.VersioningBehavior.AUTO_UPGRADE] workflows move to it at their next workflow
 * task; [dev.temporalkt.common.VersioningBehavior.PINNED] ones stay where they are. A ramping [version] stops ramping.
 * `null` unsets the current version (new workflows then go to unversioned workers).
 *
 * The same as `temporal worker deployment set-current-version --deployment-name NAME --build-id ID`.
 *
 * @param deploymentName the deployment, needed when [version] is `null`.
 * @param ignoreMissingTaskQueues make the change even when task queues of the current version are not polled by
 *   workers of [version] (their workflows would find no worker).
 * @throws dev.temporalkt.failure.RpcException with `FAILED_PRECONDITION` (or `NOT_FOUND`) when no worker of [version]
 *   has polled yet: start the new version's workers first.
 */
public suspend fun Client.setWorkerDeploymentCurrentVersion(
    version: WorkerDeploymentVersion?,
    deploymentName: String = version?.deploymentName ?: "",
    ignoreMissingTaskQueues: Boolean = false,
) {
    require(deploymentName.isNotBlank()) { "deploymentName must be given when version is null (unsetting the current version)" }
    require(version == null || version.deploymentName == deploymentName) {
        "version $version belongs to deployment '${version!!.deploymentName}', not to '$deploymentName'"
    }
    val request = SetWorkerDeploymentCurrentVersionRequest.newBuilder()
        .setNamespace(namespace).setIdentity(identity).setDeploymentName(deploymentName)
        .setIgnoreMissingTaskQueues(ignoreMissingTaskQueues)
    version?.let { request.setBuildId(it.buildId) }
    rpc { connection.workflowService.setWorkerDeploymentCurrentVersion(request.build()) }
}

/**
 * Ramps [version]: [percentage] percent (0 to 100) of new workflows (and of auto-upgrading workflows, by workflow id)
 * go to it, the rest to the current version. `null` stops ramping.
 *
 * The same as `temporal worker deployment set-ramping-version --deployment-name NAME --build-id ID --percentage P`.
 *
 * @param deploymentName the deployment, needed when [version] is `null`.
 * @throws dev.temporalkt.failure.RpcException when no worker of [version] has polled yet, or [version] is current.
 */
public suspend fun Client.setWorkerDeploymentRampingVersion(
    version: WorkerDeploymentVersion?,
    percentage: Float,
    deploymentName: String = version?.deploymentName ?: "",
    ignoreMissingTaskQueues: Boolean = false,
) {
    require(deploymentName.isNotBlank()) { "deploymentName must be given when version is null (stopping the ramp)" }
    require(percentage in 0f..100f) { "percentage must be between 0 and 100, was $percentage" }
    require(version == null || version.deploymentName == deploymentName) {
        "version $version belongs to deployment '${version!!.deploymentName}', not to '$deploymentName'"
    }
    val request = SetWorkerDeploymentRampingVersionRequest.newBuilder()
        .setNamespace(namespace).setIdentity(identity).setDeploymentName(deploymentName)
        .setPercentage(if (version == null) 0f else percentage)
        .setIgnoreMissingTaskQueues(ignoreMissingTaskQueues)
    version?.let { request.setBuildId(it.buildId) }
    rpc { connection.workflowService.setWorkerDeploymentRampingVersion(request.build()) }
}

private fun currentOf(routing: RoutingConfig) =
    if (routing.hasCurrentDeploymentVersion()) DeploymentProtos.fromProto(routing.currentDeploymentVersion)
    else DeploymentProtos.fromString(routing.currentVersion)

private fun rampingOf(routing: RoutingConfig) =
    if (routing.hasRampingDeploymentVersion()) DeploymentProtos.fromProto(routing.rampingDeploymentVersion)
    else DeploymentProtos.fromString(routing.rampingVersion)

private fun summaryOf(summary: WorkerDeploymentInfo.WorkerDeploymentVersionSummary) = WorkerDeploymentDescription.VersionSummary(
    version = (if (summary.hasDeploymentVersion()) DeploymentProtos.fromProto(summary.deploymentVersion) else null)
        ?: DeploymentProtos.fromString(summary.version)
        ?: throw IllegalStateException("the server described a deployment version without name and build id: $summary"),
    status = WorkerDeploymentVersionStatus.fromProto(summary.status),
    createTime = if (summary.hasCreateTime()) summary.createTime.toInstant() else null,
)

private fun Timestamp.toInstant(): Instant = Instant.ofEpochSecond(seconds, nanos.toLong())
