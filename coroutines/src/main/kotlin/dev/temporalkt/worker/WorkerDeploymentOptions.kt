package dev.temporalkt.worker

import dev.temporalkt.common.VersioningBehavior

/**
 * Makes a worker one version of a worker deployment ([WorkerOptions.deploymentOptions]): its polls and workflow task
 * completions carry the deployment name and build id, and with [useVersioning] the server routes each workflow to the
 * workers of the version it is on, as its [VersioningBehavior] says.
 *
 * ```kotlin
 * val options = WorkerOptions(
 *     deploymentOptions = WorkerDeploymentOptions(
 *         deploymentName = "orders-service",
 *         buildId = System.getenv("BUILD_ID"),            // null: derived from the registered code
 *         defaultVersioningBehavior = VersioningBehavior.PINNED,
 *     ),
 * )
 * ```
 *
 * A versioned worker must state a behaviour for every workflow it runs: `@Workflow(versioningBehavior = ...)` on the
 * class, [Workflow.setVersioningBehavior][dev.temporalkt.workflow.Workflow.Companion.setVersioningBehavior] in a
 * dynamic workflow, or [defaultVersioningBehavior]; a worker with a workflow that states none and no default is
 * refused when it is built.
 *
 * A new version's workers start taking new workflows once the version is made current (or ramping):
 * `client.setWorkerDeploymentCurrentVersion(version)` or `temporal worker deployment set-current-version`.
 *
 * @property deploymentName the deployment (service) the worker belongs to; the same for all its versions.
 * @property buildId the build id of this worker's code; `null` derives one from the code registered on the worker:
 *   a SHA-256 over the bytecode of the registered workflow classes (the code whose changes can break replay), with
 *   their nested and compiled-body classes (`Outer$...`), in name order, as the first 16 hex digits prefixed `sha-`. It
 *   changes whenever that code is recompiled differently and stays the same for the same build; code the workflows
 *   reach elsewhere (helpers, libraries) does not change it, so give an explicit build id (a CI build number, a
 *   commit hash) when that matters.
 * @property useVersioning whether the server routes by version (`true`), or the worker only reports its version
 *   (`false`: it takes any task of the queue, as an unversioned worker does).
 * @property defaultVersioningBehavior the behaviour of workflows that state none.
 */
public data class WorkerDeploymentOptions @JvmOverloads constructor(
    val deploymentName: String,
    val buildId: String? = null,
    val useVersioning: Boolean = true,
    val defaultVersioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
) {
    init {
        require(deploymentName.isNotBlank()) { "WorkerDeploymentOptions.deploymentName must not be blank: name the deployment (service)" }
        require('.' !in deploymentName) {
            "WorkerDeploymentOptions.deploymentName must not contain '.' (the server joins name and build id with it), was '$deploymentName'"
        }
        require(buildId == null || buildId.isNotBlank()) {
            "WorkerDeploymentOptions.buildId must not be blank: give the build id of the worker's code, or null to derive one"
        }
    }
}
