package dev.temporalkt.samples.nexus

import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class NexusSampleTest : FunSpec({
    test("the caller gets the synchronous operation's answer and the workflow-run operation's result") {
        runNexus(SampleTestServer.client, SampleTestServer.unique("endpoint"), SampleTestServer.unique("caller"), SampleTestServer.unique("nexus")) shouldBe
            listOf("hola", "handbook.md, translated")
    }
})
