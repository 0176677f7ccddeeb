package dev.temporalkt.samples.timers

import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.samples.SampleTestServer
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.WorkflowEnvironment
import kotlinx.coroutines.runBlocking
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * On a time-skipping server of its own (in a child JVM): after the other sample tests ran on the shared embedded server, its clock
 * no longer skipped this test's month of timers (the cause is not found yet; alone, or after the batch or Nexus tests
 * only, the shared server skips them).
 */
class TimerCancellationSampleTest : FunSpec({
    val environment = runBlocking { WorkflowEnvironment.startTimeSkipping(mode = EmbeddedTestServer.Mode.CHILD_JVM) }
    afterSpec { environment.close() }
    test("a month-long trial sends four weekly reminders, then its reminder coroutine is cancelled") {
        val id = SampleTestServer.unique("trial")
        val outcome = runTrial(environment.client, id, TrialTimes.MONTH, cancel = false, taskQueue = SampleTestServer.unique("q"))
        outcome.result shouldBe "$id's trial ended after 4 reminders"
        outcome.status shouldBe WorkflowExecutionStatus.COMPLETED
        outcome.activityLog shouldBe (1..4).map { "reminder $it for $id" }
    }

    test("a trial cancelled by the client runs its cleanup activity and ends cancelled") {
        val id = SampleTestServer.unique("trial")
        val outcome = runTrial(environment.client, id, TrialTimes.MONTH, cancel = true, taskQueue = SampleTestServer.unique("q"))
        outcome.result shouldBe "failed with CanceledFailure"
        outcome.status shouldBe WorkflowExecutionStatus.CANCELED
        outcome.activityLog shouldBe listOf("released the resources of $id (cancelled)")
    }
})
