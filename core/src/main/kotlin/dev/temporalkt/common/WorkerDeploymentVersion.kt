package dev.temporalkt.common

/**
 * One version of a worker deployment: the deployment's name and the build id of the code the workers of this version
 * run. Workers that opt into versioning poll with it; the server routes each workflow to the workers of the version
 * the workflow is on (see [VersioningBehavior]) and records it in the workflow's history and description.
 *
 * ```kotlin
 * val v2 = WorkerDeploymentVersion("orders-service", "2024-06-01.1")
 * ```
 *
 * @property deploymentName the name of the deployment (the service), the same for all its versions.
 * @property buildId identifies the code of this version within the deployment.
 */
public data class WorkerDeploymentVersion(val deploymentName: String, val buildId: String) {
    init {
        require(deploymentName.isNotBlank()) { "WorkerDeploymentVersion.deploymentName must not be blank: name the deployment (service)" }
        require(buildId.isNotBlank()) { "WorkerDeploymentVersion.buildId must not be blank: give the build id of the worker's code" }
        require('.' !in deploymentName) {
            "WorkerDeploymentVersion.deploymentName must not contain '.' (the server joins name and build id with it), was '$deploymentName'"
        }
    }

    /** `deploymentName.buildId`, the form the Temporal CLI and server show. */
    override fun toString(): String = "$deploymentName.$buildId"
}
