package dev.temporalkt.samples.asynccompletion

import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class AsyncCompletionSampleTest : FunSpec({
    test("the activity completed by its task token gives the workflow its result") {
        runAsyncCompletion(SampleTestServer.client, "lease.pdf", "Grace", SampleTestServer.unique("signature"), SampleTestServer.unique("q")) shouldBe
            "lease.pdf signed by Grace"
    }
})
