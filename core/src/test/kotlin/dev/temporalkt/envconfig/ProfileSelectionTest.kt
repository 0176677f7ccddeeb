package dev.temporalkt.envconfig

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

private val TWO_PROFILES = """
    [profile.default]
    address = "localhost:7233"
    namespace = "default"

    [profile.prod]
    address = "prod.example:7233"
    namespace = "production"
""".trimIndent()

/** Which file and which profile are read. */
class ProfileSelectionTest : FunSpec({
    val temp = TempFiles()
    afterSpec { temp.close() }

    test("the default profile is 'default'") {
        val profile = ClientConfigProfile.load(configSource = TWO_PROFILES, env = temp.env())
        profile shouldBe ClientConfigProfile(address = "localhost:7233", namespace = "default")
    }

    test("TEMPORAL_PROFILE selects a profile") {
        val env = temp.env("TEMPORAL_PROFILE" to "prod")
        val profile = ClientConfigProfile.load(configSource = TWO_PROFILES, env = env)
        profile shouldBe ClientConfigProfile(address = "prod.example:7233", namespace = "production")
    }

    test("the profile parameter wins over TEMPORAL_PROFILE") {
        val profile = ClientConfigProfile.load(
            profile = "default",
            configSource = TWO_PROFILES,
            env = temp.env("TEMPORAL_PROFILE" to "prod"),
        )
        profile.namespace shouldBe "default"
    }

    test("an empty TEMPORAL_PROFILE counts as unset") {
        ClientConfigProfile.load(configSource = TWO_PROFILES, env = temp.env("TEMPORAL_PROFILE" to ""))
            .namespace shouldBe "default"
    }

    test("TEMPORAL_CONFIG_FILE selects the file") {
        val file = temp.file("temporal.toml", TWO_PROFILES)
        val env = temp.env("TEMPORAL_CONFIG_FILE" to file.toString())
        ClientConfigProfile.load(profile = "prod", env = env).address shouldBe "prod.example:7233"
        ClientConfig.load(env = env).profiles.keys shouldBe setOf("default", "prod")
    }

    test("the configFile parameter wins over TEMPORAL_CONFIG_FILE") {
        val chosen = temp.file("chosen.toml", "[profile.default]\naddress = \"chosen:1\"")
        val ignored = temp.file("ignored.toml", "[profile.default]\naddress = \"ignored:1\"")
        ClientConfigProfile.load(configFile = chosen, env = temp.env("TEMPORAL_CONFIG_FILE" to ignored.toString()))
            .address shouldBe "chosen:1"
    }

    test("the default file is read from the user configuration directory (HOME/.config on Linux)") {
        val home = temp.dir()
        val file = home.resolve(".config/temporalio/temporal.toml")
        file.parent.toFile().mkdirs()
        file.toFile().writeText("[profile.default]\naddress = \"home-file:7233\"")
        val env = mapOf("HOME" to home.toString())
        ClientConfig.defaultConfigFile(env) shouldBe file
        ClientConfigProfile.load(env = env).address shouldBe "home-file:7233"
    }

    test("a missing default file gives an empty profile for the default profile") {
        ClientConfigProfile.load(env = temp.env()) shouldBe ClientConfigProfile()
        ClientConfig.load(env = temp.env()) shouldBe ClientConfig(emptyMap())
    }

    test("a missing default file still lets the environment fill the profile") {
        ClientConfigProfile.load(env = temp.env("TEMPORAL_ADDRESS" to "env:7233")) shouldBe
            ClientConfigProfile(address = "env:7233")
    }

    test("a file without a 'default' profile gives an empty profile when no profile was requested") {
        ClientConfigProfile.load(configSource = "[profile.other]\naddress = \"x:1\"", env = temp.env()) shouldBe
            ClientConfigProfile()
    }

    test("a requested profile missing from the file names the profile and the file") {
        val file = temp.file("temporal.toml", TWO_PROFILES)
        val e = shouldThrow<ClientConfigException> {
            ClientConfigProfile.load(profile = "staging", configFile = file, env = temp.env())
        }
        e.message shouldBe "Profile 'staging' (requested by the profile parameter) not found in configuration file " +
            "$file. Its profiles are: default, prod. Add a [profile.staging] table to the configuration, or " +
            "request an existing profile."
    }

    test("a profile requested by TEMPORAL_PROFILE missing from the file names the variable and the file") {
        val file = temp.file("temporal.toml", TWO_PROFILES)
        val e = shouldThrow<ClientConfigException> {
            ClientConfigProfile.load(
                env = temp.env("TEMPORAL_CONFIG_FILE" to file.toString(), "TEMPORAL_PROFILE" to "qa"),
            )
        }
        e.message shouldBe "Profile 'qa' (requested by TEMPORAL_PROFILE) not found in configuration file $file " +
            "(from TEMPORAL_CONFIG_FILE). Its profiles are: default, prod. Add a [profile.qa] table to the " +
            "configuration, or request an existing profile."
    }

    test("a requested profile with a file that does not exist says the file does not exist") {
        val missing = temp.dir().resolve("nope.toml")
        val e = shouldThrow<ClientConfigException> {
            ClientConfigProfile.load(profile = "prod", configFile = missing, env = temp.env())
        }
        e.message shouldBe "Profile 'prod' (requested by the profile parameter) not found: configuration file " +
            "$missing does not exist. Add a [profile.prod] table to the configuration, or request an existing profile."
    }

    test("a requested profile missing from TOML text says so") {
        val e = shouldThrow<ClientConfigException> {
            ClientConfigProfile.load(profile = "prod", configSource = "[profile.default]\n", env = temp.env())
        }
        e.message shouldBe "Profile 'prod' (requested by the profile parameter) not found in the TOML text given as " +
            "configSource. Its profiles are: default. Add a [profile.prod] table to the configuration, or request " +
            "an existing profile."
    }

    test("disableFile ignores the file and the profile name") {
        val file = temp.file("temporal.toml", TWO_PROFILES)
        val profile = ClientConfigProfile.load(
            profile = "missing",
            configFile = file,
            disableFile = true,
            env = temp.env("TEMPORAL_NAMESPACE" to "env-ns"),
        )
        profile shouldBe ClientConfigProfile(namespace = "env-ns")
    }

    test("disableEnv ignores environment values but still uses TEMPORAL_CONFIG_FILE and TEMPORAL_PROFILE") {
        val file = temp.file("temporal.toml", TWO_PROFILES)
        val profile = ClientConfigProfile.load(
            disableEnv = true,
            env = temp.env(
                "TEMPORAL_CONFIG_FILE" to file.toString(),
                "TEMPORAL_PROFILE" to "prod",
                "TEMPORAL_ADDRESS" to "ignored:1",
                "TEMPORAL_GRPC_META_X" to "ignored",
            ),
        )
        profile shouldBe ClientConfigProfile(address = "prod.example:7233", namespace = "production")
    }

    test("disabling both the file and the environment is an error") {
        val e = shouldThrow<ClientConfigException> {
            ClientConfigProfile.load(disableFile = true, disableEnv = true, env = temp.env())
        }
        e.message shouldContain "both disableFile and disableEnv are true"
    }

    test("configFile and configSource together are an error") {
        val e = shouldThrow<ClientConfigException> {
            ClientConfigProfile.load(configFile = temp.dir().resolve("a.toml"), configSource = "", env = temp.env())
        }
        e.message shouldContain "Pass either a configuration file path or TOML text, not both."
    }

    test("ClientConfig.load returns every profile without applying the environment") {
        val config = ClientConfig.load(configSource = TWO_PROFILES, env = temp.env("TEMPORAL_ADDRESS" to "env:1"))
        config.profiles shouldBe mapOf(
            "default" to ClientConfigProfile(address = "localhost:7233", namespace = "default"),
            "prod" to ClientConfigProfile(address = "prod.example:7233", namespace = "production"),
        )
    }

    test("the documentation's example file parses into three profiles") {
        val config = ClientConfig.parse(
            """
            [profile.default]
            address = "localhost:7233"
            namespace = "default"

            [profile.default.grpc_meta]
            my-custom-header = "development-value"
            trace-id = "dev-trace-123"

            [profile.prod]
            address = "your-namespace.a1b2c.tmprl.cloud:7233"
            namespace = "your-namespace"
            api_key = "your-api-key-here"

            [profile.prod.tls]
            client_cert_path = "/etc/temporal/certs/client.pem"
            client_key_path = "/etc/temporal/certs/client.key"

            [profile.prod.grpc_meta]
            environment = "production"
            service-version = "v1.2.3"

            [profile.staging]
            address = "staging.temporal.example.com:7233"
            namespace = "staging"

            [profile.staging.tls]
            client_cert_data = ""${'"'}-----BEGIN CERTIFICATE-----
            MIICertificateDataHere...
            -----END CERTIFICATE-----""${'"'}
            """.trimIndent(),
            strict = true,
        )
        config.profiles.keys shouldBe setOf("default", "prod", "staging")
        config.profiles["default"]!!.grpcMeta shouldBe
            mapOf("my-custom-header" to "development-value", "trace-id" to "dev-trace-123")
        config.profiles["prod"]!!.tls shouldBe ClientConfigTls(
            clientCert = ConfigSource.Path(java.nio.file.Path.of("/etc/temporal/certs/client.pem")),
            clientKey = ConfigSource.Path(java.nio.file.Path.of("/etc/temporal/certs/client.key")),
        )
        config.profiles["prod"]!!.tlsEnabled shouldBe true
        config.profiles["staging"]!!.tls!!.clientCert shouldBe ConfigSource.Data(
            "-----BEGIN CERTIFICATE-----\nMIICertificateDataHere...\n-----END CERTIFICATE-----",
        )
    }
})
