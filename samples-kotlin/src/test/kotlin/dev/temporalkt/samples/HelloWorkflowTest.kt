package dev.temporalkt.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class HelloWorkflowTest : FunSpec({
    test("the main sample greets after its day-long timer, which the embedded server skips") {
        val id = SampleTestServer.unique("hello")
        val outcome = runHello(SampleTestServer.client, "Temporal", id, taskQueue = SampleTestServer.unique("hello"))
        outcome.result shouldBe "Hello, Temporal!"
        outcome.events.map { it.trim().substringAfter(' ') } shouldBe listOf(
            "WORKFLOW_EXECUTION_STARTED", "WORKFLOW_TASK_SCHEDULED", "WORKFLOW_TASK_STARTED", "WORKFLOW_TASK_COMPLETED",
            "TIMER_STARTED", "TIMER_FIRED", "WORKFLOW_TASK_SCHEDULED", "WORKFLOW_TASK_STARTED", "WORKFLOW_TASK_COMPLETED",
            "ACTIVITY_TASK_SCHEDULED", "ACTIVITY_TASK_STARTED", "ACTIVITY_TASK_COMPLETED",
            "WORKFLOW_TASK_SCHEDULED", "WORKFLOW_TASK_STARTED", "WORKFLOW_TASK_COMPLETED", "WORKFLOW_EXECUTION_COMPLETED",
        )
    }
})
