@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.common

import dev.temporalkt.api.deployment.v1.WorkerDeploymentVersion as WorkerDeploymentVersionProto
import dev.temporalkt.api.enums.v1.VersioningBehavior as VersioningBehaviorProto
import dev.temporalkt.api.workflow.v1.VersioningOverride as VersioningOverrideProto
import dev.temporalkt.api.workflow.v1.WorkflowExecutionVersioningInfo
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class DeploymentProtosTest : FunSpec({
    val v1 = WorkerDeploymentVersion("checkout", "2024.1")

    test("a version round-trips, and the older string form is read") {
        DeploymentProtos.toProto(v1) shouldBe WorkerDeploymentVersionProto.newBuilder().setDeploymentName("checkout").setBuildId("2024.1").build()
        DeploymentProtos.fromProto(DeploymentProtos.toProto(v1)) shouldBe v1
        DeploymentProtos.fromProto(WorkerDeploymentVersionProto.getDefaultInstance()) shouldBe null
        // the build id may contain dots; the deployment name may not
        DeploymentProtos.fromString("checkout.2024.1") shouldBe v1
        DeploymentProtos.fromString("__unversioned__") shouldBe null
        DeploymentProtos.fromString("") shouldBe null
        v1.toString() shouldBe "checkout.2024.1"
    }

    test("bad versions are refused with what to do") {
        shouldThrow<IllegalArgumentException> { WorkerDeploymentVersion("check.out", "1") }.message shouldBe
            "WorkerDeploymentVersion.deploymentName must not contain '.' (the server joins name and build id with it), was 'check.out'"
        shouldThrow<IllegalArgumentException> { WorkerDeploymentVersion("checkout", " ") }.message shouldBe
            "WorkerDeploymentVersion.buildId must not be blank: give the build id of the worker's code"
    }

    test("overrides round-trip through their messages") {
        val pinned = DeploymentProtos.toProto(VersioningOverride.Pinned(v1))
        pinned.pinned.behavior shouldBe VersioningOverrideProto.PinnedOverrideBehavior.PINNED_OVERRIDE_BEHAVIOR_PINNED
        pinned.pinned.version shouldBe DeploymentProtos.toProto(v1)
        DeploymentProtos.fromProto(pinned) shouldBe VersioningOverride.Pinned(v1)
        DeploymentProtos.toProto(VersioningOverride.AutoUpgrade).autoUpgrade shouldBe true
        DeploymentProtos.fromProto(DeploymentProtos.toProto(VersioningOverride.AutoUpgrade)) shouldBe VersioningOverride.AutoUpgrade
        // the deprecated fields older servers send
        DeploymentProtos.fromProto(
            VersioningOverrideProto.newBuilder().setBehavior(VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED).setPinnedVersion("checkout.2024.1").build(),
        ) shouldBe VersioningOverride.Pinned(v1)
        DeploymentProtos.fromProto(VersioningOverrideProto.getDefaultInstance()) shouldBe null
    }

    test("a run's versioning info reads version, behaviour and override") {
        val info = WorkflowExecutionVersioningInfo.newBuilder()
            .setBehavior(VersioningBehaviorProto.VERSIONING_BEHAVIOR_AUTO_UPGRADE)
            .setDeploymentVersion(DeploymentProtos.toProto(v1))
            .setVersioningOverride(DeploymentProtos.toProto(VersioningOverride.AutoUpgrade))
            .build()
        DeploymentProtos.fromProto(info) shouldBe WorkflowVersioningInfo(VersioningBehavior.AUTO_UPGRADE, v1, VersioningOverride.AutoUpgrade)
        DeploymentProtos.fromProto(WorkflowExecutionVersioningInfo.newBuilder().setVersion("checkout.2024.1").build()) shouldBe
            WorkflowVersioningInfo(VersioningBehavior.UNSPECIFIED, v1, null)
    }
})
