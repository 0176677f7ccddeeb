package dev.temporalkt.client

import dev.temporalkt.envconfig.ClientConfigProfile
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

class ProfileConnectionOptionsSpec : FunSpec({
    test("a loaded profile becomes connection options with TLS material read from the file's data") {
        val toml = """
            [profile.prod]
            address = "prod.example:7233"
            namespace = "payments"
            api_key = "secret"
            [profile.prod.tls]
            server_ca_cert_data = "CA-PEM"
            server_name = "frontend.example"
            client_cert_data = "CERT-PEM"
            client_key_data = "KEY-PEM"
            [profile.prod.grpc_meta]
            team = "billing"
        """.trimIndent()
        val profile = ClientConfigProfile.load(profile = "prod", configSource = toml, env = emptyMap())
        val options = profile.toConnectionOptions(ConnectionOptions(rpcTimeout = 3.seconds))
        options.target shouldBe "prod.example:7233"
        options.namespace shouldBe "payments"
        options.apiKey shouldBe "secret"
        options.tlsEnabled shouldBe true
        String(options.tls!!.serverRootCaCert!!) shouldBe "CA-PEM"
        options.tls!!.domain shouldBe "frontend.example"
        String(options.tls!!.clientCert!!) shouldBe "CERT-PEM"
        String(options.tls!!.clientPrivateKey!!) shouldBe "KEY-PEM"
        options.metadata shouldBe mapOf("team" to "billing")
        options.rpcTimeout shouldBe 3.seconds
    }

    test("a profile that disables TLS keeps it off even with an API key") {
        val env = mapOf("TEMPORAL_API_KEY" to "k", "TEMPORAL_TLS" to "false", "TEMPORAL_ADDRESS" to "h:1")
        val options = ClientConfigProfile.load(env = env, disableFile = true).toConnectionOptions()
        options.apiKey shouldBe "k"
        options.tlsEnabled shouldBe false
    }

    test("an empty profile keeps the base options") {
        val options = ClientConfigProfile().toConnectionOptions()
        options shouldBe ConnectionOptions().copy(identity = options.identity)
    }
})
