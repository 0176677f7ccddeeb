package dev.temporalkt.samples.child

import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class ParentChildSampleTest : FunSpec({
    test("children ship the packages; the abandoned child completes after its parent did") {
        val id = SampleTestServer.unique("order")
        val outcome = runOrder(SampleTestServer.client, id, listOf("book", "lamp"), taskQueue = SampleTestServer.unique("q"))
        outcome shouldBe OrderOutcome(
            shipped = listOf("shipped book", "shipped lamp"),
            returnWindowResult = "return window of $id closed",
            returnWindowStatus = WorkflowExecutionStatus.COMPLETED,
            returnWindowClosedAfterOrder = true,
        )
    }
})
