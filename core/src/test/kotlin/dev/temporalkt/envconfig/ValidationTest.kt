package dev.temporalkt.envconfig

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlin.io.path.writeBytes

/** Bad input gives clear errors: invalid TOML, wrong types, unknown keys, bad environment values. */
class ValidationTest : FunSpec({
    val temp = TempFiles()
    afterSpec { temp.close() }

    context("strict mode") {
        val withTypos = """
            [profile.default]
            address = "a:1"
            adress = "typo"

            [profile.default.tls]
            client_cert = "x"

            [other]
            x = 1
        """.trimIndent()

        test("unknown keys are ignored when not strict") {
            ClientConfigProfile.load(configSource = withTypos, env = temp.env()) shouldBe
                ClientConfigProfile(address = "a:1", tls = ClientConfigTls())
        }

        test("unknown keys are listed with their position and the expected keys when strict") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfigProfile.load(configSource = withTypos, strict = true, env = temp.env())
            }
            e.message shouldBe "Unknown key(s) in the TOML text given as configSource: " +
                "profile.default.adress (line 3, column 1; expected one of address, namespace, api_key, tls, " +
                "codec, grpc_meta), " +
                "profile.default.tls.client_cert (line 6, column 1; expected one of disabled, server_name, " +
                "disable_host_verification, client_cert_path, client_cert_data, client_key_path, client_key_data, " +
                "server_ca_cert_path, server_ca_cert_data), " +
                "other (line 8, column 1; expected one of profile). " +
                "Correct or remove them, or load without strict mode to ignore unknown keys."
        }

        test("strict mode applies to ClientConfig too") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfig.parse("[profile.default.codec]\nendpoint = \"e\"\ntoken = \"t\"", strict = true)
            }
            e.message shouldContain "profile.default.codec.token (line 3, column 1; expected one of endpoint, auth)"
        }
    }

    context("invalid TOML") {
        test("reports tomlj's error position and the source") {
            val file = temp.file("temporal.toml", "[profile.default]\naddress = \"unterminated\n")
            val e = shouldThrow<ClientConfigException> { ClientConfigProfile.load(configFile = file, env = temp.env()) }
            e.message shouldStartWith "Invalid TOML in configuration file $file at line 2, column "
            e.message shouldContain "Fix the syntax of the configuration."
        }

        test("duplicate keys are rejected") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfig.parse("[profile.default]\naddress = \"a\"\naddress = \"b\"")
            }
            e.message shouldStartWith "Invalid TOML in the TOML text given as configSource at line 3, column 1: "
        }
    }

    context("wrong value types") {
        test("a number where a string is expected") {
            val e = shouldThrow<ClientConfigException> { ClientConfig.parse("[profile.default]\naddress = 7233") }
            e.message shouldBe "Invalid value in the TOML text given as configSource: profile.default.address must " +
                "be a string, but it is an integer (line 2, column 1). Change the value to a string."
        }

        test("a string where a boolean is expected") {
            val e = shouldThrow<ClientConfigException> { ClientConfig.parse("[profile.p.tls]\ndisabled = \"true\"") }
            e.message shouldBe "Invalid value in the TOML text given as configSource: profile.p.tls.disabled must " +
                "be a boolean (true or false), but it is a string (line 2, column 1). Change the value to a boolean " +
                "(true or false)."
        }

        test("a value where a table is expected") {
            val e = shouldThrow<ClientConfigException> { ClientConfig.parse("[profile.default]\ntls = true") }
            e.message shouldContain "profile.default.tls must be a table, but it is a boolean (line 2, column 1)"
        }

        test("a profile that is not a table") {
            val e = shouldThrow<ClientConfigException> { ClientConfig.parse("profile = [1, 2]") }
            e.message shouldContain "profile must be a table, but it is an array (line 1, column 1)"
        }

        test("a gRPC metadata value that is not a string") {
            val e = shouldThrow<ClientConfigException> { ClientConfig.parse("[profile.default.grpc_meta]\nx = 1") }
            e.message shouldContain "profile.default.grpc_meta.x must be a string, but it is an integer"
        }

        test("quoted profile names with dots are kept whole") {
            ClientConfig.parse("[profile.\"my.app\"]\nnamespace = \"n\"").profiles shouldBe
                mapOf("my.app" to ClientConfigProfile(namespace = "n"))
        }
    }

    context("gRPC metadata keys") {
        test("two file keys naming the same header are rejected") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfig.parse("[profile.default.grpc_meta]\nmy_header = \"a\"\nmy-header = \"b\"")
            }
            e.message shouldBe "Invalid gRPC metadata in the TOML text given as configSource: keys 'my-header' and " +
                "'my_header' in profile.default.grpc_meta both name the header 'my-header' (keys are lower-cased " +
                "and '_' becomes '-'). Keep only one."
        }

        test("two environment variables naming the same header are rejected") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfigProfile.load(
                    disableFile = true,
                    env = temp.env("TEMPORAL_GRPC_META_A_B" to "1", "TEMPORAL_GRPC_META_a_b" to "2"),
                )
            }
            e.message shouldBe "Environment variables TEMPORAL_GRPC_META_A_B and TEMPORAL_GRPC_META_a_b both set the " +
                "gRPC header 'a-b'. Keep only one."
        }

        test("an environment variable with nothing after the prefix is rejected") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfigProfile.load(disableFile = true, env = temp.env("TEMPORAL_GRPC_META_" to "v"))
            }
            e.message shouldContain "TEMPORAL_GRPC_META_ has no header name after the prefix"
        }

        test("a header name with characters gRPC does not allow is rejected") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfig.parse("[profile.default.grpc_meta]\n\"bad header\" = \"v\"")
            }
            e.message shouldBe "Invalid gRPC header name 'bad header' from key " +
                "profile.default.grpc_meta.\"bad header\" " +
                "in the TOML text given as configSource: header names may only contain letters, digits, '-', '_' " +
                "and '.'. Rename the header."
        }
    }

    context("environment values") {
        test("an invalid boolean names the variable and the accepted values") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfigProfile.load(disableFile = true, env = temp.env("TEMPORAL_TLS" to "yes"))
            }
            e.message shouldBe "Invalid value 'yes' for TEMPORAL_TLS: use true, false, 1 or 0 (any letter case), or " +
                "leave it empty to remove the setting."
        }

        test("an invalid boolean for host verification is rejected too") {
            val e = shouldThrow<ClientConfigException> {
                ClientConfigProfile.load(
                    disableFile = true,
                    env = temp.env("TEMPORAL_TLS_DISABLE_HOST_VERIFICATION" to "on"),
                )
            }
            e.message shouldContain "Invalid value 'on' for TEMPORAL_TLS_DISABLE_HOST_VERIFICATION"
        }
    }

    context("unreadable configuration files") {
        test("a directory") {
            val dir = temp.dir()
            val e = shouldThrow<ClientConfigException> { ClientConfig.load(configFile = dir, env = temp.env()) }
            e.message shouldBe "Cannot read configuration file $dir: it is a directory. Point to the temporal.toml " +
                "file itself."
        }

        test("not UTF-8") {
            val file = temp.file("temporal.toml", "").apply { writeBytes(byteArrayOf(0xC3.toByte(), 0x28)) }
            val e = shouldThrow<ClientConfigException> { ClientConfig.load(configFile = file, env = temp.env()) }
            e.message shouldBe "Cannot read configuration file $file: it is not valid UTF-8 text. Save it as UTF-8."
        }

        test("an empty file has no profiles") {
            ClientConfig.load(configFile = temp.file("temporal.toml", ""), env = temp.env()) shouldBe
                ClientConfig(emptyMap())
        }
    }

    context("ConfigSource") {
        test("data compares by content and hides it in toString") {
            ConfigSource.Data("abc") shouldBe ConfigSource.data(byteArrayOf(97, 98, 99))
            ConfigSource.Data("abc").toString() shouldBe "Data(3 bytes)"
            ConfigSource.Data("abc").text() shouldBe "abc"
        }
    }
})
