package dev.temporalkt.samples.activity

import dev.temporalkt.samples.SampleTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class HelloActivitySampleTest : FunSpec({
    test("the workflow returns its activity's greeting") {
        runHelloActivity(SampleTestServer.client, "Ada", SampleTestServer.unique("hello-activity"), SampleTestServer.unique("q")) shouldBe
            "Hello, Ada!"
    }
})
