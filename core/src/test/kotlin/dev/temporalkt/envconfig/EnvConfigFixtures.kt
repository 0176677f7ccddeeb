package dev.temporalkt.envconfig

import java.nio.file.Path
import kotlin.io.path.createDirectories
import kotlin.io.path.createTempDirectory
import kotlin.io.path.deleteRecursively
import kotlin.io.path.writeText

/**
 * Temporary directories for one spec, deleted by [close]. Environments built by [env] point `HOME` at an empty
 * directory so the default configuration file never comes from the machine running the tests.
 */
internal class TempFiles : AutoCloseable {
    private val dirs = mutableListOf<Path>()

    /** A new empty directory. */
    fun dir(): Path = createTempDirectory("envconfig-test").also { dirs.add(it) }

    /** Writes [content] to [name] inside a new directory and returns the file. */
    fun file(name: String, content: String): Path = dir().resolve(name).also {
        it.parent.createDirectories()
        it.writeText(content)
    }

    /** An environment with a fresh, empty `HOME` plus [pairs]. */
    fun env(vararg pairs: Pair<String, String>): Map<String, String> = mapOf("HOME" to dir().toString()) + pairs

    @OptIn(kotlin.io.path.ExperimentalPathApi::class)
    override fun close() {
        dirs.forEach { it.deleteRecursively() }
        dirs.clear()
    }
}
