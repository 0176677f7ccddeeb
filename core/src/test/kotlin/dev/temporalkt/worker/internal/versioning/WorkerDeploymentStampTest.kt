@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.versioning

import dev.temporalkt.api.enums.v1.VersioningBehavior as VersioningBehaviorProto
import dev.temporalkt.api.enums.v1.WorkerVersioningMode
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollNexusTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskFailedRequest
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class WorkerDeploymentStampTest : FunSpec({
    val version = WorkerDeploymentVersion("checkout", "v7")

    test("an unversioned worker's requests carry nothing") {
        val stamp = WorkerDeploymentStamp.UNVERSIONED
        stamp.stamp(PollWorkflowTaskQueueRequest.newBuilder()).build() shouldBe PollWorkflowTaskQueueRequest.getDefaultInstance()
        stamp.stamp(PollActivityTaskQueueRequest.newBuilder()).build() shouldBe PollActivityTaskQueueRequest.getDefaultInstance()
        stamp.stamp(PollNexusTaskQueueRequest.newBuilder()).build() shouldBe PollNexusTaskQueueRequest.getDefaultInstance()
        stamp.stamp(RespondWorkflowTaskCompletedRequest.newBuilder(), VersioningBehavior.PINNED).build() shouldBe
            RespondWorkflowTaskCompletedRequest.getDefaultInstance()
    }

    test("a versioned worker's polls and answers carry its version, and completions the run's behaviour or the default") {
        val stamp = WorkerDeploymentStamp(version, versioned = true, defaultBehavior = VersioningBehavior.AUTO_UPGRADE)
        for (options in listOf(
            stamp.stamp(PollWorkflowTaskQueueRequest.newBuilder()).deploymentOptions,
            stamp.stamp(PollActivityTaskQueueRequest.newBuilder()).deploymentOptions,
            stamp.stamp(PollNexusTaskQueueRequest.newBuilder()).deploymentOptions,
            stamp.stamp(RespondWorkflowTaskFailedRequest.newBuilder()).deploymentOptions,
        )) {
            options.deploymentName shouldBe "checkout"
            options.buildId shouldBe "v7"
            options.workerVersioningMode shouldBe WorkerVersioningMode.WORKER_VERSIONING_MODE_VERSIONED
        }
        stamp.stamp(RespondWorkflowTaskCompletedRequest.newBuilder(), VersioningBehavior.PINNED).versioningBehavior shouldBe
            VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED
        stamp.stamp(RespondWorkflowTaskCompletedRequest.newBuilder(), VersioningBehavior.UNSPECIFIED).versioningBehavior shouldBe
            VersioningBehaviorProto.VERSIONING_BEHAVIOR_AUTO_UPGRADE
        stamp.stamp(RespondWorkflowTaskCompletedRequest.newBuilder(), null).deploymentOptions.buildId shouldBe "v7"
    }

    test("a worker that only reports its version polls as unversioned and states no behaviour") {
        val stamp = WorkerDeploymentStamp(version, versioned = false)
        stamp.stamp(PollWorkflowTaskQueueRequest.newBuilder()).deploymentOptions.workerVersioningMode shouldBe
            WorkerVersioningMode.WORKER_VERSIONING_MODE_UNVERSIONED
        val completion = stamp.stamp(RespondWorkflowTaskCompletedRequest.newBuilder(), VersioningBehavior.PINNED)
        completion.versioningBehavior shouldBe VersioningBehaviorProto.VERSIONING_BEHAVIOR_UNSPECIFIED
        completion.deploymentOptions.buildId shouldBe "v7"
    }
})
