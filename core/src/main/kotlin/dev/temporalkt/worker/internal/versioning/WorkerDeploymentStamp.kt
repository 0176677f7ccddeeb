package dev.temporalkt.worker.internal.versioning

import dev.temporalkt.api.deployment.v1.WorkerDeploymentOptions
import dev.temporalkt.api.enums.v1.WorkerVersioningMode
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollNexusTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskFailedRequest
import dev.temporalkt.common.DeploymentProtos
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.internal.InternalTemporalApi

/**
 * The one place where a worker's deployment version goes onto its requests: every poll (workflow, sticky, activity,
 * Nexus) and every workflow task answer. One per worker, shared by its parts.
 *
 * With a [version], requests carry `deployment_options` (deployment name, build id and the versioning mode; servers
 * from 1.28 on read it). The older `worker_version_capabilities` (build-id based versioning) is left unset.
 * A [versioned] worker's workflow task completions also state the run's [VersioningBehavior]: the server routes its
 * later tasks by it and refuses a completion without one.
 *
 * @property version the worker's deployment version; `null` for a worker outside any deployment.
 * @property versioned whether the worker takes part in versioning (routing by version) or only reports its version.
 * @property defaultBehavior the behaviour of runs whose workflow states none.
 */
@InternalTemporalApi
public class WorkerDeploymentStamp(
    public val version: WorkerDeploymentVersion?,
    public val versioned: Boolean,
    public val defaultBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
) {
    init {
        require(!versioned || version != null) { "a versioned worker needs a deployment version" }
    }

    private val options: WorkerDeploymentOptions? = version?.let {
        WorkerDeploymentOptions.newBuilder()
            .setDeploymentName(it.deploymentName)
            .setBuildId(it.buildId)
            .setWorkerVersioningMode(
                if (versioned) WorkerVersioningMode.WORKER_VERSIONING_MODE_VERSIONED else WorkerVersioningMode.WORKER_VERSIONING_MODE_UNVERSIONED,
            )
            .build()
    }

    /** Stamps a workflow task poll (normal or sticky queue). */
    public fun stamp(poll: PollWorkflowTaskQueueRequest.Builder): PollWorkflowTaskQueueRequest.Builder = poll.apply {
        options?.let { setDeploymentOptions(it) }
    }

    /** Stamps an activity task poll. */
    public fun stamp(poll: PollActivityTaskQueueRequest.Builder): PollActivityTaskQueueRequest.Builder = poll.apply {
        options?.let { setDeploymentOptions(it) }
    }

    /** Stamps a Nexus task poll. */
    public fun stamp(poll: PollNexusTaskQueueRequest.Builder): PollNexusTaskQueueRequest.Builder = poll.apply {
        options?.let { setDeploymentOptions(it) }
    }

    /**
     * Stamps a workflow task completion of a run whose workflow states [behavior] (`null` or
     * [VersioningBehavior.UNSPECIFIED]: the worker's [defaultBehavior]).
     */
    public fun stamp(completion: RespondWorkflowTaskCompletedRequest.Builder, behavior: VersioningBehavior?): RespondWorkflowTaskCompletedRequest.Builder =
        completion.apply {
            options?.let { setDeploymentOptions(it) }
            if (versioned) setVersioningBehavior(DeploymentProtos.toProto(behaviorOf(behavior)))
        }

    /** Stamps a workflow task failure. */
    public fun stamp(failure: RespondWorkflowTaskFailedRequest.Builder): RespondWorkflowTaskFailedRequest.Builder = failure.apply {
        options?.let { setDeploymentOptions(it) }
    }

    /** The behaviour a completion states for a run whose workflow states [behavior]. */
    public fun behaviorOf(behavior: VersioningBehavior?): VersioningBehavior =
        if (behavior == null || behavior == VersioningBehavior.UNSPECIFIED) defaultBehavior else behavior

    public companion object {
        /** A worker outside any deployment: its requests carry no version. */
        public val UNVERSIONED: WorkerDeploymentStamp = WorkerDeploymentStamp(null, versioned = false)
    }
}
