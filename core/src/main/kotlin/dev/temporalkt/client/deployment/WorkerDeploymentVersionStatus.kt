package dev.temporalkt.client.deployment

import dev.temporalkt.api.enums.v1.WorkerDeploymentVersionStatus as StatusProto

/** Where a version stands in its deployment's rollout. */
public enum class WorkerDeploymentVersionStatus {
    /** Not reported by the server. */
    UNSPECIFIED,

    /** Workers of the version have polled, but it has never been current or ramping. */
    INACTIVE,

    /** New workflows (and auto-upgrading ones) go to this version. */
    CURRENT,

    /** A share of new workflows goes to this version. */
    RAMPING,

    /** No longer current or ramping, with pinned workflows still open on it. */
    DRAINING,

    /** No longer current or ramping, and no open workflow is pinned to it: its workers can be shut down. */
    DRAINED,

    /** Registered without workers having polled yet. */
    CREATED,
    ;

    internal companion object {
        fun fromProto(proto: StatusProto): WorkerDeploymentVersionStatus = when (proto) {
            StatusProto.WORKER_DEPLOYMENT_VERSION_STATUS_INACTIVE -> INACTIVE
            StatusProto.WORKER_DEPLOYMENT_VERSION_STATUS_CURRENT -> CURRENT
            StatusProto.WORKER_DEPLOYMENT_VERSION_STATUS_RAMPING -> RAMPING
            StatusProto.WORKER_DEPLOYMENT_VERSION_STATUS_DRAINING -> DRAINING
            StatusProto.WORKER_DEPLOYMENT_VERSION_STATUS_DRAINED -> DRAINED
            StatusProto.WORKER_DEPLOYMENT_VERSION_STATUS_CREATED -> CREATED
            else -> UNSPECIFIED
        }
    }
}
