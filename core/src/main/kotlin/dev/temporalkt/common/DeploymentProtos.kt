package dev.temporalkt.common

import dev.temporalkt.api.deployment.v1.WorkerDeploymentVersion as WorkerDeploymentVersionProto
import dev.temporalkt.api.enums.v1.VersioningBehavior as VersioningBehaviorProto
import dev.temporalkt.api.workflow.v1.VersioningOverride as VersioningOverrideProto
import dev.temporalkt.api.workflow.v1.WorkflowExecutionVersioningInfo
import dev.temporalkt.internal.InternalTemporalApi

/** Conversions of the worker deployment types to and from their `temporal.api` messages. */
@InternalTemporalApi
public object DeploymentProtos {
    /** [version] as its message. */
    public fun toProto(version: WorkerDeploymentVersion): WorkerDeploymentVersionProto =
        WorkerDeploymentVersionProto.newBuilder().setDeploymentName(version.deploymentName).setBuildId(version.buildId).build()

    /** The version of [proto]; `null` when it names none (an unversioned run or worker). */
    public fun fromProto(proto: WorkerDeploymentVersionProto?): WorkerDeploymentVersion? =
        if (proto == null || proto.deploymentName.isEmpty() || proto.buildId.isEmpty()) null
        else WorkerDeploymentVersion(proto.deploymentName, proto.buildId)

    /** The version of the `deploymentName.buildId` string form older servers send; `null` for empty or `__unversioned__`. */
    public fun fromString(version: String): WorkerDeploymentVersion? {
        val dot = version.indexOf('.')
        if (dot <= 0 || dot == version.length - 1) return null
        return WorkerDeploymentVersion(version.substring(0, dot), version.substring(dot + 1))
    }

    /** [behavior] as its message enum. */
    public fun toProto(behavior: VersioningBehavior): VersioningBehaviorProto = when (behavior) {
        VersioningBehavior.UNSPECIFIED -> VersioningBehaviorProto.VERSIONING_BEHAVIOR_UNSPECIFIED
        VersioningBehavior.PINNED -> VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED
        VersioningBehavior.AUTO_UPGRADE -> VersioningBehaviorProto.VERSIONING_BEHAVIOR_AUTO_UPGRADE
    }

    /** The behaviour of [proto] (values this SDK does not know are [VersioningBehavior.UNSPECIFIED]). */
    public fun fromProto(proto: VersioningBehaviorProto): VersioningBehavior = when (proto) {
        VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED -> VersioningBehavior.PINNED
        VersioningBehaviorProto.VERSIONING_BEHAVIOR_AUTO_UPGRADE -> VersioningBehavior.AUTO_UPGRADE
        else -> VersioningBehavior.UNSPECIFIED
    }

    /** [behavior] as its message enum. */
    public fun toProto(behavior: ContinueAsNewVersioningBehavior): dev.temporalkt.api.enums.v1.ContinueAsNewVersioningBehavior = when (behavior) {
        ContinueAsNewVersioningBehavior.AUTO_UPGRADE -> dev.temporalkt.api.enums.v1.ContinueAsNewVersioningBehavior.CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_AUTO_UPGRADE
        ContinueAsNewVersioningBehavior.USE_RAMPING_VERSION ->
            dev.temporalkt.api.enums.v1.ContinueAsNewVersioningBehavior.CONTINUE_AS_NEW_VERSIONING_BEHAVIOR_USE_RAMPING_VERSION
    }

    /** [override] as its message (both the current fields and the older ones servers before 1.28 read). */
    public fun toProto(override: VersioningOverride): VersioningOverrideProto = when (override) {
        is VersioningOverride.Pinned -> VersioningOverrideProto.newBuilder()
            .setPinned(
                VersioningOverrideProto.PinnedOverride.newBuilder()
                    .setBehavior(VersioningOverrideProto.PinnedOverrideBehavior.PINNED_OVERRIDE_BEHAVIOR_PINNED)
                    .setVersion(toProto(override.version)),
            ).build()
        VersioningOverride.AutoUpgrade -> VersioningOverrideProto.newBuilder().setAutoUpgrade(true).build()
    }

    /** The override of [proto]; `null` when it sets none. */
    public fun fromProto(proto: VersioningOverrideProto): VersioningOverride? = when {
        proto.hasPinned() -> fromProto(proto.pinned.version)?.let { VersioningOverride.Pinned(it) }
        proto.hasAutoUpgrade() && proto.autoUpgrade -> VersioningOverride.AutoUpgrade
        proto.behavior == VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED ->
            fromString(proto.pinnedVersion)?.let { VersioningOverride.Pinned(it) }
        proto.behavior == VersioningBehaviorProto.VERSIONING_BEHAVIOR_AUTO_UPGRADE -> VersioningOverride.AutoUpgrade
        else -> null
    }

    /** The versioning info of a described run; `null` when the server sent none (an unversioned run). */
    public fun fromProto(proto: WorkflowExecutionVersioningInfo?): WorkflowVersioningInfo? {
        if (proto == null) return null
        val version = if (proto.hasDeploymentVersion()) fromProto(proto.deploymentVersion) else fromString(proto.version)
        val override = if (proto.hasVersioningOverride()) fromProto(proto.versioningOverride) else null
        return WorkflowVersioningInfo(fromProto(proto.behavior), version, override)
    }
}
