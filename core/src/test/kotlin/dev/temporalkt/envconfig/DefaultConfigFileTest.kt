package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.defaultConfigFile
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Path

/** Location of the default configuration file per platform. */
class DefaultConfigFileTest : FunSpec({
    test("Linux uses XDG_CONFIG_HOME when it is absolute") {
        val env = mapOf("HOME" to "/home/u", "XDG_CONFIG_HOME" to "/xdg")
        defaultConfigFile(env, osName = "Linux", userHome = "/jvm") shouldBe
            Path.of("/xdg/temporalio/temporal.toml")
    }

    test("Linux ignores a relative XDG_CONFIG_HOME and uses HOME/.config") {
        val env = mapOf("HOME" to "/home/u", "XDG_CONFIG_HOME" to "rel")
        defaultConfigFile(env, osName = "Linux", userHome = "/jvm") shouldBe
            Path.of("/home/u/.config/temporalio/temporal.toml")
    }

    test("Linux without HOME falls back to the JVM user.home") {
        defaultConfigFile(emptyMap(), osName = "Linux", userHome = "/jvm-home") shouldBe
            Path.of("/jvm-home/.config/temporalio/temporal.toml")
    }

    test("no home directory at all gives no default file") {
        defaultConfigFile(emptyMap(), osName = "Linux", userHome = null) shouldBe null
    }

    test("macOS uses Library/Application Support") {
        val env = mapOf("HOME" to "/Users/u", "XDG_CONFIG_HOME" to "/xdg")
        defaultConfigFile(env, osName = "Mac OS X", userHome = "/jvm") shouldBe
            Path.of("/Users/u/Library/Application Support/temporalio/temporal.toml")
    }

    test("Windows uses APPDATA") {
        defaultConfigFile(mapOf("APPDATA" to "/appdata"), osName = "Windows 11", userHome = "/jvm") shouldBe
            Path.of("/appdata/temporalio/temporal.toml")
    }

    test("Windows without APPDATA uses the user profile's AppData/Roaming") {
        defaultConfigFile(mapOf("USERPROFILE" to "/profile"), osName = "Windows 10", userHome = "/jvm") shouldBe
            Path.of("/profile/AppData/Roaming/temporalio/temporal.toml")
    }

    test("TEMPORAL_CONFIG_FILE is not part of the default location") {
        ClientConfig.defaultConfigFile(mapOf("HOME" to "/home/u", "TEMPORAL_CONFIG_FILE" to "/other.toml"))
            ?.fileName shouldBe Path.of("temporal.toml")
    }
})
