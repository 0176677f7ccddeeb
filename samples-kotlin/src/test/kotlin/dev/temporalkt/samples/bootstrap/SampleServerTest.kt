package dev.temporalkt.samples.bootstrap

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.io.path.createTempDirectory
import kotlin.io.path.writeText

class SampleServerTest : FunSpec({
    val home = createTempDirectory("sample-home").toString()

    test("without TEMPORAL_* variables or a configuration file the samples use the embedded server") {
        SampleServer.configuredProfile(mapOf("HOME" to home, "XDG_CONFIG_HOME" to home)) shouldBe null
    }

    test("TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE point the samples at a real server") {
        val profile = SampleServer.configuredProfile(mapOf("HOME" to home, "TEMPORAL_ADDRESS" to "temporal.example:7233", "TEMPORAL_NAMESPACE" to "orders"))!!
        profile.address shouldBe "temporal.example:7233"
        profile.namespace shouldBe "orders"
    }

    test("a profile of the configuration file, chosen by TEMPORAL_PROFILE, points the samples at a real server") {
        val file = kotlin.io.path.Path(home, "temporal.toml").also {
            it.writeText("[profile.staging]\naddress = \"staging.example:7233\"\napi_key = \"k\"\n")
        }
        val profile = SampleServer.configuredProfile(mapOf("HOME" to home, "TEMPORAL_CONFIG_FILE" to file.toString(), "TEMPORAL_PROFILE" to "staging"))!!
        profile.address shouldBe "staging.example:7233"
        profile.apiKey shouldBe "k"
    }
})
