package dev.temporalkt.envconfig

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.io.path.writeBytes

/** TLS enablement and resolution of certificate material. */
class TlsTest : FunSpec({
    val temp = TempFiles()
    afterSpec { temp.close() }

    fun load(toml: String, vararg env: Pair<String, String>) =
        ClientConfigProfile.load(configSource = toml, env = temp.env(*env))

    context("tlsEnabled") {
        test("no API key and no TLS section: TLS off") {
            val profile = load("[profile.default]\naddress = \"a:1\"")
            profile.tls shouldBe null
            profile.tlsEnabled shouldBe false
            profile.resolveTls() shouldBe null
        }
        test("API key only: TLS on") {
            val profile = load("[profile.default]\napi_key = \"k\"")
            profile.tlsEnabled shouldBe true
            val resolved = profile.resolveTls()!!
            resolved.clientCert shouldBe null
            resolved.serverCaCert shouldBe null
            resolved.disableHostVerification shouldBe false
        }
        test("API key with tls.disabled = true: TLS off") {
            val toml = "[profile.default]\napi_key = \"k\"\n[profile.default.tls]\ndisabled = true"
            load(toml).tlsEnabled shouldBe false
        }
        test("API key with TEMPORAL_TLS=false: TLS off") {
            load("[profile.default]\napi_key = \"k\"", "TEMPORAL_TLS" to "false").tlsEnabled shouldBe false
        }
        test("tls.disabled = true in the file, TEMPORAL_TLS=true in the environment: TLS on") {
            load("[profile.default.tls]\ndisabled = true", "TEMPORAL_TLS" to "true").tlsEnabled shouldBe true
        }
        test("an empty TLS section: TLS on") {
            val profile = load("[profile.default.tls]\n")
            profile.tls shouldBe ClientConfigTls()
            profile.tlsEnabled shouldBe true
        }
        test("TLS settings without disabled: TLS on") {
            load("[profile.default.tls]\nserver_ca_cert_data = \"ca\"").tlsEnabled shouldBe true
        }
        test("an empty API key does not enable TLS") {
            ClientConfigProfile(apiKey = "").tlsEnabled shouldBe false
        }
        test("disabled TLS resolves to null even with certificates configured") {
            val toml = "[profile.default.tls]\ndisabled = true\nserver_ca_cert_path = \"/nowhere\""
            load(toml).resolveTls() shouldBe null
        }
    }

    context("resolveTls") {
        test("inline data from the file is used as is") {
            val resolved = load(
                """
                [profile.default.tls]
                client_cert_data = "CERT"
                client_key_data = "KEY"
                server_ca_cert_data = "CA"
                server_name = "sni.example"
                disable_host_verification = true
                """.trimIndent(),
            ).resolveTls()!!
            resolved.clientCert!!.decodeToString() shouldBe "CERT"
            resolved.clientKey!!.decodeToString() shouldBe "KEY"
            resolved.serverCaCert!!.decodeToString() shouldBe "CA"
            resolved.serverName shouldBe "sni.example"
            resolved.disableHostVerification shouldBe true
        }

        test("paths are read when TLS is resolved, byte for byte") {
            val dir = temp.dir()
            val cert = dir.resolve("client.pem").apply { writeBytes(byteArrayOf(1, 2, 3)) }
            val key = dir.resolve("client.key").apply { writeBytes(byteArrayOf(4, 5)) }
            val ca = dir.resolve("ca.pem").apply { writeBytes(byteArrayOf(6)) }
            val profile = load(
                """
                [profile.default.tls]
                client_cert_path = "$cert"
                client_key_path = "$key"
                """.trimIndent(),
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH" to ca.toString(),
            )
            val resolved = profile.resolveTls()!!
            resolved.clientCert!!.toList() shouldBe listOf<Byte>(1, 2, 3)
            resolved.clientKey!!.toList() shouldBe listOf<Byte>(4, 5)
            resolved.serverCaCert!!.toList() shouldBe listOf<Byte>(6)
        }

        test("loading does not read certificate files; resolving names the missing file and the setting") {
            val missing = temp.dir().resolve("gone.pem")
            val profile = load("[profile.default.tls]\nserver_ca_cert_path = \"$missing\"")
            profile.tls!!.serverCaCert shouldBe ConfigSource.Path(missing)
            val e = shouldThrow<ClientConfigException> { profile.resolveTls() }
            e.message shouldBe "The server CA certificate file $missing (set by server_ca_cert_path in the " +
                "configuration file or TEMPORAL_TLS_SERVER_CA_CERT_PATH) does not exist. Fix the path, or give the " +
                "content inline with server_ca_cert_data or TEMPORAL_TLS_SERVER_CA_CERT_DATA."
        }

        test("a directory given as a certificate path is rejected") {
            val dir = temp.dir()
            val e = shouldThrow<ClientConfigException> {
                ClientConfigTls(clientCert = ConfigSource.Path(dir), clientKey = ConfigSource.Data("k")).resolve()
            }
            e.message shouldContain "The client certificate path $dir"
            e.message shouldContain "is a directory"
        }

        test("a client certificate without a key is rejected") {
            val e = shouldThrow<ClientConfigException> {
                load("[profile.default.tls]\nclient_cert_data = \"CERT\"").resolveTls()
            }
            e.message shouldBe "A client certificate is configured without a client key; mutual TLS needs both. Set " +
                "client_key_path or client_key_data (TEMPORAL_TLS_CLIENT_KEY_PATH or TEMPORAL_TLS_CLIENT_KEY_DATA), " +
                "or remove the client certificate."
        }

        test("resolved bytes are copies") {
            val resolved = ClientConfigTls(serverCaCert = ConfigSource.Data(byteArrayOf(9))).resolve()
            resolved.serverCaCert!![0] = 0
            resolved.serverCaCert!!.toList() shouldBe listOf<Byte>(9)
            resolved.toString() shouldBe "ResolvedTls(clientCert=null, clientKey=null, serverCaCert=<1 bytes>, " +
                "serverName=null, disableHostVerification=false)"
        }
    }

    context("path and data for the same item are mutually exclusive") {
        test("both in the file") {
            val e = shouldThrow<ClientConfigException> {
                load("[profile.default.tls]\nclient_cert_path = \"/a.pem\"\nclient_cert_data = \"PEM\"")
            }
            e.message shouldBe "Invalid TLS settings in the TOML text given as configSource: profile.default.tls " +
                "sets both client_cert_path and client_cert_data. Give the client certificate either as a file path " +
                "or as inline data, not both."
        }

        test("both in the environment") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfigProfile.load(
                    disableFile = true,
                    env = temp.env("TEMPORAL_TLS_CLIENT_KEY_PATH" to "/k", "TEMPORAL_TLS_CLIENT_KEY_DATA" to "KEY"),
                )
            }
            e.message shouldBe "Both TEMPORAL_TLS_CLIENT_KEY_PATH and TEMPORAL_TLS_CLIENT_KEY_DATA are set. Give the " +
                "client key either as a file path or as inline data, not both: unset one of them."
        }

        test("path in the file, data in the environment") {
            val e = shouldThrow<ClientConfigException> {
                load(
                    "[profile.default.tls]\nserver_ca_cert_path = \"/ca.pem\"",
                    "TEMPORAL_TLS_SERVER_CA_CERT_DATA" to "CA",
                )
            }
            e.message shouldBe "TEMPORAL_TLS_SERVER_CA_CERT_DATA is set, but the configuration file already gives " +
                "the server CA certificate as a file path (server_ca_cert_path). Give the server CA certificate only " +
                "one way: unset TEMPORAL_TLS_SERVER_CA_CERT_DATA or remove server_ca_cert_path from the profile."
        }

        test("data in the file, path in the environment") {
            val e = shouldThrow<ClientConfigException> {
                load("[profile.default.tls]\nclient_cert_data = \"PEM\"", "TEMPORAL_TLS_CLIENT_CERT_PATH" to "/c.pem")
            }
            e.message shouldContain "TEMPORAL_TLS_CLIENT_CERT_PATH is set, but the configuration file already gives " +
                "the client certificate as inline data (client_cert_data)."
        }

        test("an empty string counts as not set") {
            load("[profile.default.tls]\nclient_cert_path = \"\"\nclient_cert_data = \"PEM\"").tls!!.clientCert shouldBe
                ConfigSource.Data("PEM")
        }
    }
})
