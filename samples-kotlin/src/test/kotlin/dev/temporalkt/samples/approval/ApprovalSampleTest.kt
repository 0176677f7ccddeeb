package dev.temporalkt.samples.approval

import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class ApprovalSampleTest : FunSpec({
    test("an approval signal ends the wait; the query saw the run waiting") {
        val outcome = runApproval(SampleTestServer.client, "Dinner", "maria", SampleTestServer.unique("approval"), taskQueue = SampleTestServer.unique("q"))
        outcome shouldBe ApprovalOutcome("waiting for approval", "Dinner: approved by maria")
    }

    test("without a decision the three-day wait times out and rejects the expense") {
        val outcome = runApproval(SampleTestServer.client, "Ticket", null, SampleTestServer.unique("approval"), taskQueue = SampleTestServer.unique("q"))
        outcome shouldBe ApprovalOutcome("waiting for approval", "Ticket: rejected: no decision within 3d")
    }
})
