package dev.temporalkt.testing.interop

import java.util.concurrent.TimeUnit

/**
 * The `node` and `npm` executables the TypeScript interop project runs with. [require] fails with instructions when
 * either is missing, so a machine without Node.js gets a failing test that says what to install.
 */
object NodeToolchain {
    /** The oldest Node.js major version the pinned TypeScript SDK supports. */
    const val MIN_NODE_MAJOR: Int = 18

    private val checked: Result<String> by lazy { runCatching { check() } }

    /** The `node --version` output; throws [IllegalStateException] explaining how to install Node.js if unusable. */
    fun require(): String = checked.getOrThrow()

    private fun check(): String {
        val nodeVersion = versionOf("node")
            ?: throw IllegalStateException(missing("node"))
        versionOf("npm") ?: throw IllegalStateException(missing("npm"))
        val major = nodeVersion.removePrefix("v").substringBefore('.').toIntOrNull()
        check(major != null && major >= MIN_NODE_MAJOR) {
            "The TypeScript interop tests need Node.js $MIN_NODE_MAJOR or newer, but `node --version` printed " +
                "'$nodeVersion'. $INSTALL_HINT"
        }
        return nodeVersion
    }

    private fun versionOf(command: String): String? = try {
        val process = ProcessBuilder(command, "--version").redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText().trim()
        if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) output.lines().last() else null
    } catch (_: java.io.IOException) {
        null
    }

    private fun missing(command: String): String =
        "The TypeScript interop tests need Node.js $MIN_NODE_MAJOR+ with npm, but `$command` was not found on PATH " +
            "(PATH=${System.getenv("PATH")}). $INSTALL_HINT"

    private const val INSTALL_HINT: String =
        "Install Node.js with npm (for example `apt-get install -y nodejs npm` on Debian/Ubuntu, `brew install node` " +
            "on macOS, or a release from https://nodejs.org/en/download) and make sure `node` and `npm` are on PATH."
}
