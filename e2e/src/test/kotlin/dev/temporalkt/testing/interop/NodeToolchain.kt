package dev.temporalkt.testing.interop

import java.util.concurrent.TimeUnit

/**
 * The `node` and `npm` executables the TypeScript interop project runs with. [require] fails with instructions when
 * either is missing or Node.js is too old, so a machine without Node.js gets a failing test that says what to install.
 *
 * ```kotlin
 * NodeToolchain.DEFAULT.require() // "v20.20.2"
 * ```
 */
class NodeToolchain(private val nodeCommand: String = "node", private val npmCommand: String = "npm") {
    private val checked: Result<String> by lazy { runCatching { check() } }

    /** The `node --version` output; throws [IllegalStateException] explaining how to install Node.js if unusable. */
    fun require(): String = checked.getOrThrow()

    private fun check(): String {
        val nodeVersion = versionOf(nodeCommand) ?: throw IllegalStateException(missing(nodeCommand))
        versionOf(npmCommand) ?: throw IllegalStateException(missing(npmCommand))
        val parts = nodeVersion.removePrefix("v").split('.').mapNotNull { it.toIntOrNull() }
        val supported = parts.size >= 2 && (parts[0] > MIN_MAJOR || parts[0] == MIN_MAJOR && parts[1] >= MIN_MINOR)
        check(supported) {
            "The TypeScript interop tests need Node.js $MIN_VERSION or newer (required by the pinned TypeScript SDK), " +
                "but `$nodeCommand --version` printed '$nodeVersion'. $INSTALL_HINT"
        }
        return nodeVersion
    }

    private fun versionOf(command: String): String? = try {
        val process = ProcessBuilder(command, "--version").redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText().trim()
        if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) output.lines().last().trim() else null
    } catch (_: java.io.IOException) {
        null
    }

    private fun missing(command: String): String =
        "The TypeScript interop tests need Node.js $MIN_VERSION+ with npm, but `$command --version` could not be run " +
            "(PATH=${System.getenv("PATH")}). $INSTALL_HINT"

    companion object {
        private const val MIN_MAJOR = 20
        private const val MIN_MINOR = 3

        /** The oldest Node.js version the pinned TypeScript SDK (`engines` of `@temporalio/worker`) supports. */
        const val MIN_VERSION: String = "20.3.0"

        /** How to get a usable Node.js, included in every failure message. */
        const val INSTALL_HINT: String =
            "Install Node.js $MIN_VERSION+ with npm (a release from https://nodejs.org/en/download, the NodeSource " +
                "packages for Debian/Ubuntu, or `brew install node` on macOS) and make sure `node` and `npm` are on PATH."

        /** `node` and `npm` from PATH. */
        val DEFAULT: NodeToolchain = NodeToolchain()
    }
}
