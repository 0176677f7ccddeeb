@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.activity

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.PauseActivityRequest
import dev.temporalkt.api.workflowservice.v1.TerminateWorkflowExecutionRequest
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** Pausing an activity through the API (the embedded test server does not implement PauseActivity). */
class ActivityPauseSpec : FunSpec({
    test("dev server: pausing a heartbeating activity cancels it with PAUSED and fails the attempt as ActivityPause") {
        val activities = CancellableActivities()
        val run = ScriptedActivityRun.open(SharedServers.devServer().target, listOf(activities))
        val service = run.connection.workflowService
        try {
            run.schedule("poll", emptyList(), heartbeatTimeout = 2.seconds, startToCloseTimeout = 5.minutes)
            withTimeout(30.seconds) { activities.started.await() }
            val execution = WorkflowExecution.newBuilder().setWorkflowId(run.workflowId).setRunId(run.runId).build()
            service.pauseActivity(
                PauseActivityRequest.newBuilder()
                    .setNamespace(run.connection.namespace)
                    .setIdentity(run.connection.identity)
                    .setExecution(execution)
                    .setId("activity-1")
                    .setReason("maintenance")
                    .setRequestId(UUID.randomUUID().toString())
                    .build(),
            )
            val observed = withTimeout(30.seconds) { activities.observed.await() }
            observed.shouldBeInstanceOf<ActivityCancelledException>().reason shouldBe ActivityCancellationReason.PAUSED
            withTimeout(30.seconds) { while (run.worker.runningActivities > 0) delay(10.milliseconds) }
            val pending = service.describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace(run.connection.namespace).setExecution(execution).build(),
            ).pendingActivitiesList.single()
            pending.paused shouldBe true
            pending.lastFailure.applicationFailureInfo.type shouldBe "ActivityPause"
            pending.lastFailure.message shouldBe "Activity was cancelled because it was paused"
        } finally {
            service.terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(run.connection.namespace)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(run.workflowId))
                    .setReason("test over")
                    .build(),
            )
            run.close()
        }
    }
})
