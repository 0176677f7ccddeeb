package dev.temporalkt.testing

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * Finds the Temporal CLI executable, in order: an explicit path, the `temporal.cli.path` system
 * property, the `TEMPORAL_CLI_PATH` environment variable, then `temporal` on the `PATH`.
 */
internal object TemporalCliLocator {
    const val SYSTEM_PROPERTY: String = "temporal.cli.path"
    const val ENVIRONMENT_VARIABLE: String = "TEMPORAL_CLI_PATH"

    fun locate(
        explicit: Path?,
        systemProperty: String? = System.getProperty(SYSTEM_PROPERTY),
        environment: String? = System.getenv(ENVIRONMENT_VARIABLE),
        searchPath: String? = System.getenv("PATH"),
    ): Path {
        configured(explicit, "the explicit executable option")?.let { return it }
        configured(systemProperty?.takeIf { it.isNotBlank() }?.let(Paths::get), "-D$SYSTEM_PROPERTY")?.let { return it }
        configured(environment?.takeIf { it.isNotBlank() }?.let(Paths::get), ENVIRONMENT_VARIABLE)?.let { return it }
        return onSearchPath(searchPath) ?: throw DevServerUnavailableException(
            "The Temporal CLI ('temporal') was not found: it is not configured through -D$SYSTEM_PROPERTY or " +
                "$ENVIRONMENT_VARIABLE and is not on the PATH. ${DevServerUnavailableException.HOW_TO_PROVIDE}",
        )
    }

    private fun configured(path: Path?, source: String): Path? {
        if (path == null) return null
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            val problem = if (Files.exists(path)) "is not an executable file" else "does not exist"
            throw DevServerUnavailableException(
                "The Temporal CLI configured through $source ('$path') $problem. " +
                    DevServerUnavailableException.HOW_TO_PROVIDE,
            )
        }
        return path
    }

    private fun onSearchPath(searchPath: String?): Path? {
        if (searchPath.isNullOrBlank()) return null
        val windows = System.getProperty("os.name").orEmpty().startsWith("Windows")
        val names = if (windows) listOf("temporal.exe", "temporal") else listOf("temporal")
        return searchPath.split(java.io.File.pathSeparatorChar)
            .filter { it.isNotBlank() }
            .asSequence()
            .flatMap { dir -> names.asSequence().map { name -> runCatching { Paths.get(dir, name) }.getOrNull() } }
            .filterNotNull()
            .firstOrNull { Files.isRegularFile(it) && Files.isExecutable(it) }
    }
}
