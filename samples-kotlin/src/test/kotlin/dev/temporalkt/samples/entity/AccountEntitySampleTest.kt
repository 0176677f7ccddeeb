package dev.temporalkt.samples.entity

import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class AccountEntitySampleTest : FunSpec({
    test("the entity applies every signal across three runs chained by continue-as-new") {
        val id = SampleTestServer.unique("account")
        runAccountEntity(SampleTestServer.client, id, listOf(10, 20, 30, 40, 50, 60, 70), SampleTestServer.unique("q")) shouldBe
            "account closed with balance 280 after 3 runs"
        // the first run ended by continuing as new
        val first = SampleTestServer.client.getWorkflowHandle<String>(id).describe().firstExecutionRunId
        SampleTestServer.client.getWorkflowHandle<String>(id, first).describe().status.name shouldBe "CONTINUED_AS_NEW"
    }
})
