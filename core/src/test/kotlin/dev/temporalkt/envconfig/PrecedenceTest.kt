package dev.temporalkt.envconfig

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain

private val FULL_PROFILE = """
    [profile.default]
    address = "file:7233"
    namespace = "file-ns"
    api_key = "file-key"

    [profile.default.tls]
    disabled = true
    server_name = "file.sni"
    disable_host_verification = true
    client_cert_data = "file-cert"
    client_key_data = "file-key-pem"

    [profile.default.codec]
    endpoint = "http://file-codec"
    auth = "file-auth"

    [profile.default.grpc_meta]
    some-header = "file-value"
    file-only = "kept"
""".trimIndent()

/** File < environment < code. */
class PrecedenceTest : FunSpec({
    val temp = TempFiles()
    afterSpec { temp.close() }

    test("without environment the file values are used") {
        val profile = ClientConfigProfile.load(configSource = FULL_PROFILE, env = temp.env())
        profile shouldBe ClientConfigProfile(
            address = "file:7233",
            namespace = "file-ns",
            apiKey = "file-key",
            tls = ClientConfigTls(
                disabled = true,
                clientCert = ConfigSource.Data("file-cert"),
                clientKey = ConfigSource.Data("file-key-pem"),
                serverName = "file.sni",
                disableHostVerification = true,
            ),
            codec = ClientConfigCodec(endpoint = "http://file-codec", auth = "file-auth"),
            grpcMeta = mapOf("file-only" to "kept", "some-header" to "file-value"),
        )
    }

    test("every environment variable overrides the file value") {
        val profile = ClientConfigProfile.load(
            configSource = FULL_PROFILE,
            env = temp.env(
                "TEMPORAL_ADDRESS" to "env:7233",
                "TEMPORAL_NAMESPACE" to "env-ns",
                "TEMPORAL_API_KEY" to "env-key",
                "TEMPORAL_TLS" to "true",
                "TEMPORAL_TLS_SERVER_NAME" to "env.sni",
                "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION" to "false",
                "TEMPORAL_TLS_CLIENT_CERT_DATA" to "env-cert",
                "TEMPORAL_TLS_CLIENT_KEY_DATA" to "env-key-pem",
                "TEMPORAL_TLS_SERVER_CA_CERT_DATA" to "env-ca",
                "TEMPORAL_CODEC_ENDPOINT" to "http://env-codec",
                "TEMPORAL_CODEC_AUTH" to "env-auth",
                "TEMPORAL_GRPC_META_SOME_HEADER" to "env-value",
                "TEMPORAL_GRPC_META_ENV_ONLY" to "added",
            ),
        )
        profile shouldBe ClientConfigProfile(
            address = "env:7233",
            namespace = "env-ns",
            apiKey = "env-key",
            tls = ClientConfigTls(
                disabled = false,
                clientCert = ConfigSource.Data("env-cert"),
                clientKey = ConfigSource.Data("env-key-pem"),
                serverCaCert = ConfigSource.Data("env-ca"),
                serverName = "env.sni",
                disableHostVerification = false,
            ),
            codec = ClientConfigCodec(endpoint = "http://env-codec", auth = "env-auth"),
            grpcMeta = mapOf("file-only" to "kept", "some-header" to "env-value", "env-only" to "added"),
        )
        profile.tlsEnabled shouldBe true
    }

    test("an empty environment value removes the file value") {
        val profile = ClientConfigProfile.load(
            configSource = FULL_PROFILE,
            env = temp.env(
                "TEMPORAL_NAMESPACE" to "",
                "TEMPORAL_API_KEY" to "",
                "TEMPORAL_TLS" to "",
                "TEMPORAL_TLS_CLIENT_CERT_DATA" to "",
                "TEMPORAL_TLS_CLIENT_KEY_PATH" to "",
                "TEMPORAL_CODEC_AUTH" to "",
                "TEMPORAL_GRPC_META_SOME_HEADER" to "",
            ),
        )
        profile.namespace shouldBe null
        profile.apiKey shouldBe null
        profile.tls shouldBe ClientConfigTls(serverName = "file.sni", disableHostVerification = true)
        profile.codec shouldBe ClientConfigCodec(endpoint = "http://file-codec")
        profile.grpcMeta shouldBe mapOf("file-only" to "kept")
    }

    test("empty environment values alone do not create TLS or codec sections") {
        val profile = ClientConfigProfile.load(
            disableFile = true,
            env = temp.env("TEMPORAL_TLS_SERVER_NAME" to "", "TEMPORAL_CODEC_ENDPOINT" to ""),
        )
        profile shouldBe ClientConfigProfile()
        profile.tlsEnabled shouldBe false
    }

    test("code overrides win over environment and file") {
        val loaded = ClientConfigProfile.load(
            configSource = FULL_PROFILE,
            env = temp.env("TEMPORAL_NAMESPACE" to "env-ns", "TEMPORAL_GRPC_META_SOME_HEADER" to "env-value"),
        )
        val overridden = loaded.mergedWith(
            ClientConfigProfile(
                namespace = "code-ns",
                tls = ClientConfigTls(disabled = false),
                grpcMeta = mapOf("some-header" to "code-value"),
            ),
        )
        overridden.address shouldBe "file:7233"
        overridden.namespace shouldBe "code-ns"
        overridden.tls shouldBe loaded.tls!!.copy(disabled = false)
        overridden.tlsEnabled shouldBe true
        overridden.grpcMeta shouldBe mapOf("file-only" to "kept", "some-header" to "code-value")
        overridden.codec shouldBe loaded.codec

        loaded.withAddress("code:1").withNamespace("n").address shouldBe "code:1"
        loaded.copy(apiKey = null).apiKey shouldBe null
    }

    test("merging into a profile without TLS or codec takes the overrides as they are") {
        val tls = ClientConfigTls(serverName = "x")
        val codec = ClientConfigCodec(endpoint = "http://c")
        ClientConfigProfile().mergedWith(ClientConfigProfile(tls = tls, codec = codec)) shouldBe
            ClientConfigProfile(tls = tls, codec = codec)
    }

    test("toString hides secrets") {
        val profile = ClientConfigProfile.load(configSource = FULL_PROFILE, env = temp.env())
        val text = profile.toString()
        text shouldContain "apiKey=<hidden>"
        text shouldContain "clientKey=Data(12 bytes)"
        text shouldNotContain "file-key"
        text shouldNotContain "file-auth"
        text shouldNotContain "file-value"
    }
})
