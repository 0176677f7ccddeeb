package dev.temporalkt.envconfig

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Path

/** One test per row of the settings table: each setting from the TOML file and from its environment variable. */
class SettingsTableTest : FunSpec({
    val temp = TempFiles()
    afterSpec { temp.close() }

    fun fromFile(toml: String): ClientConfigProfile =
        ClientConfigProfile.load(configSource = toml, env = temp.env())

    fun fromEnv(vararg vars: Pair<String, String>): ClientConfigProfile =
        ClientConfigProfile.load(disableFile = true, env = temp.env(*vars))

    context("Configuration File Path: TEMPORAL_CONFIG_FILE") {
        test("file named by the variable is read") {
            val file = temp.file("custom.toml", "[profile.default]\naddress = \"from-custom-file:7233\"\n")
            val profile = ClientConfigProfile.load(env = temp.env("TEMPORAL_CONFIG_FILE" to file.toString()))
            profile.address shouldBe "from-custom-file:7233"
        }
    }

    context("Server Address: TEMPORAL_ADDRESS / address") {
        test("file") {
            fromFile("[profile.default]\naddress = \"file-host:7233\"").address shouldBe "file-host:7233"
        }
        test("env") {
            fromEnv("TEMPORAL_ADDRESS" to "env-host:7233").address shouldBe "env-host:7233"
        }
    }

    context("Namespace: TEMPORAL_NAMESPACE / namespace") {
        test("file") {
            fromFile("[profile.default]\nnamespace = \"file-ns\"").namespace shouldBe "file-ns"
        }
        test("env") {
            fromEnv("TEMPORAL_NAMESPACE" to "env-ns").namespace shouldBe "env-ns"
        }
    }

    context("API Key: TEMPORAL_API_KEY / api_key") {
        test("file, which enables TLS") {
            val profile = fromFile("[profile.default]\napi_key = \"file-key\"")
            profile.apiKey shouldBe "file-key"
            profile.tls shouldBe null
            profile.tlsEnabled shouldBe true
        }
        test("env, which enables TLS") {
            val profile = fromEnv("TEMPORAL_API_KEY" to "env-key")
            profile.apiKey shouldBe "env-key"
            profile.tlsEnabled shouldBe true
        }
    }

    context("Enable/Disable TLS: TEMPORAL_TLS / tls.disabled") {
        test("file disabled = true turns TLS off") {
            val profile = fromFile("[profile.default.tls]\ndisabled = true")
            profile.tls shouldBe ClientConfigTls(disabled = true)
            profile.tlsEnabled shouldBe false
        }
        test("file disabled = false turns TLS on") {
            val profile = fromFile("[profile.default.tls]\ndisabled = false")
            profile.tls shouldBe ClientConfigTls(disabled = false)
            profile.tlsEnabled shouldBe true
        }
        test("env TEMPORAL_TLS=true turns TLS on") {
            val profile = fromEnv("TEMPORAL_TLS" to "true")
            profile.tls shouldBe ClientConfigTls(disabled = false)
            profile.tlsEnabled shouldBe true
        }
        test("env TEMPORAL_TLS=false turns TLS off") {
            val profile = fromEnv("TEMPORAL_TLS" to "false")
            profile.tls shouldBe ClientConfigTls(disabled = true)
            profile.tlsEnabled shouldBe false
        }
        test("env booleans accept 1, 0 and any letter case") {
            fromEnv("TEMPORAL_TLS" to "1").tls?.disabled shouldBe false
            fromEnv("TEMPORAL_TLS" to "0").tls?.disabled shouldBe true
            fromEnv("TEMPORAL_TLS" to "TRUE").tls?.disabled shouldBe false
            fromEnv("TEMPORAL_TLS" to "False").tls?.disabled shouldBe true
        }
    }

    context("Client Certificate: TEMPORAL_TLS_CLIENT_CERT_DATA / _PATH, tls.client_cert_data / _path") {
        test("file data") {
            fromFile("[profile.default.tls]\nclient_cert_data = \"CERT-PEM\"").tls?.clientCert shouldBe
                ConfigSource.Data("CERT-PEM")
        }
        test("file path") {
            fromFile("[profile.default.tls]\nclient_cert_path = \"/certs/client.pem\"").tls?.clientCert shouldBe
                ConfigSource.Path(Path.of("/certs/client.pem"))
        }
        test("env data") {
            fromEnv("TEMPORAL_TLS_CLIENT_CERT_DATA" to "ENV-CERT").tls?.clientCert shouldBe
                ConfigSource.Data("ENV-CERT")
        }
        test("env path") {
            fromEnv("TEMPORAL_TLS_CLIENT_CERT_PATH" to "/env/client.pem").tls?.clientCert shouldBe
                ConfigSource.Path(Path.of("/env/client.pem"))
        }
    }

    context("Client Key: TEMPORAL_TLS_CLIENT_KEY_DATA / _PATH, tls.client_key_data / _path") {
        test("file data") {
            fromFile("[profile.default.tls]\nclient_key_data = \"KEY-PEM\"").tls?.clientKey shouldBe
                ConfigSource.Data("KEY-PEM")
        }
        test("file path") {
            fromFile("[profile.default.tls]\nclient_key_path = \"/certs/client.key\"").tls?.clientKey shouldBe
                ConfigSource.Path(Path.of("/certs/client.key"))
        }
        test("env data") {
            fromEnv("TEMPORAL_TLS_CLIENT_KEY_DATA" to "ENV-KEY").tls?.clientKey shouldBe ConfigSource.Data("ENV-KEY")
        }
        test("env path") {
            fromEnv("TEMPORAL_TLS_CLIENT_KEY_PATH" to "/env/client.key").tls?.clientKey shouldBe
                ConfigSource.Path(Path.of("/env/client.key"))
        }
    }

    context("Server CA Cert: TEMPORAL_TLS_SERVER_CA_CERT_DATA / _PATH, tls.server_ca_cert_path / _data") {
        test("file data") {
            fromFile("[profile.default.tls]\nserver_ca_cert_data = \"CA-PEM\"").tls?.serverCaCert shouldBe
                ConfigSource.Data("CA-PEM")
        }
        test("file path") {
            fromFile("[profile.default.tls]\nserver_ca_cert_path = \"/certs/ca.pem\"").tls?.serverCaCert shouldBe
                ConfigSource.Path(Path.of("/certs/ca.pem"))
        }
        test("env data") {
            fromEnv("TEMPORAL_TLS_SERVER_CA_CERT_DATA" to "ENV-CA").tls?.serverCaCert shouldBe
                ConfigSource.Data("ENV-CA")
        }
        test("env path") {
            fromEnv("TEMPORAL_TLS_SERVER_CA_CERT_PATH" to "/env/ca.pem").tls?.serverCaCert shouldBe
                ConfigSource.Path(Path.of("/env/ca.pem"))
        }
    }

    context("TLS Server Name: TEMPORAL_TLS_SERVER_NAME / tls.server_name") {
        test("file") {
            fromFile("[profile.default.tls]\nserver_name = \"file.sni\"").tls?.serverName shouldBe "file.sni"
        }
        test("env, which creates a TLS section and so enables TLS") {
            val profile = fromEnv("TEMPORAL_TLS_SERVER_NAME" to "env.sni")
            profile.tls shouldBe ClientConfigTls(serverName = "env.sni")
            profile.tlsEnabled shouldBe true
        }
    }

    context("Disable Host Verification: TEMPORAL_TLS_DISABLE_HOST_VERIFICATION / tls.disable_host_verification") {
        test("file") {
            fromFile("[profile.default.tls]\ndisable_host_verification = true").tls?.disableHostVerification shouldBe
                true
        }
        test("env") {
            fromEnv("TEMPORAL_TLS_DISABLE_HOST_VERIFICATION" to "true").tls?.disableHostVerification shouldBe true
            fromEnv("TEMPORAL_TLS_DISABLE_HOST_VERIFICATION" to "0").tls?.disableHostVerification shouldBe false
        }
    }

    context("Codec Endpoint: TEMPORAL_CODEC_ENDPOINT / codec.endpoint") {
        test("file") {
            fromFile("[profile.default.codec]\nendpoint = \"http://file-codec\"").codec shouldBe
                ClientConfigCodec(endpoint = "http://file-codec")
        }
        test("env") {
            fromEnv("TEMPORAL_CODEC_ENDPOINT" to "http://env-codec").codec shouldBe
                ClientConfigCodec(endpoint = "http://env-codec")
        }
    }

    context("Codec Auth: TEMPORAL_CODEC_AUTH / codec.auth") {
        test("file") {
            fromFile("[profile.default.codec]\nauth = \"Bearer file\"").codec shouldBe
                ClientConfigCodec(auth = "Bearer file")
        }
        test("env") {
            fromEnv("TEMPORAL_CODEC_AUTH" to "Bearer env").codec shouldBe ClientConfigCodec(auth = "Bearer env")
        }
    }

    context("gRPC Metadata: TEMPORAL_GRPC_META_* / grpc_meta") {
        test("file keys are lower-cased with '_' replaced by '-'") {
            val profile = fromFile(
                """
                [profile.default.grpc_meta]
                my-custom-header = "development-value"
                Trace_ID = "dev-trace-123"
                """.trimIndent(),
            )
            profile.grpcMeta shouldBe mapOf("my-custom-header" to "development-value", "trace-id" to "dev-trace-123")
        }
        test("env: the part after _META_ becomes the header key (_SOME_KEY -> some-key)") {
            fromEnv(
                "TEMPORAL_GRPC_META_SOME_KEY" to "v1",
                "TEMPORAL_GRPC_META_other_Key" to "v2",
            ).grpcMeta shouldBe mapOf("some-key" to "v1", "other-key" to "v2")
        }
    }
})
