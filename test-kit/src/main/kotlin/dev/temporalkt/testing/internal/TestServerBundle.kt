package dev.temporalkt.testing.internal

import java.io.IOException
import java.io.InputStream
import java.net.URLClassLoader
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.HexFormat
import java.util.function.IntSupplier

/**
 * The time-skipping test server of `temporal-kt-test-server-bundle`: its jars travel as resources of that jar (under
 * [RESOURCE_DIR], listed in `classpath.txt`), not as Maven dependencies, so they reach neither the classpath nor the
 * dependency tree of a project that uses the test kit. They are unpacked once to a cache directory
 * ([CACHE_DIR_PROPERTY], by default `temporal-kt/test-server` under the temporary directory), in a subdirectory named
 * after a hash of the listing and the launcher, so differing versions never share files and concurrent JVMs write
 * each file atomically.
 *
 * The server then runs on its own gRPC, protobuf and Java SDK classes, either in [classLoader] (whose parent is the
 * platform class loader: it sees the JDK and nothing of the application) or in a child JVM on [classpath].
 */
internal object TestServerBundle {
    const val RESOURCE_DIR: String = "META-INF/temporal-kt/test-server"
    const val LAUNCHER_CLASS: String = "dev.temporalkt.testserver.internal.TestServerLauncher"
    const val READY_PREFIX: String = "temporal-kt-test-server-port="
    const val CACHE_DIR_PROPERTY: String = "temporalkt.testServer.cacheDir"

    private val launcherResource = LAUNCHER_CLASS.replace('.', '/') + ".class"

    /** The unpacked jars and the directory holding the launcher class, in classpath order. */
    val classpath: List<Path> by lazy { unpack() }

    /** One loader per JVM, so the server's classes load once however many servers start. */
    private val classLoader: ClassLoader by lazy {
        URLClassLoader(
            "temporal-kt-test-server",
            classpath.map { it.toUri().toURL() }.toTypedArray(),
            ClassLoader.getPlatformClassLoader(),
        )
    }

    /** Starts a server in this JVM, in [classLoader]; the result's `getAsInt()` is its port. */
    fun startInProcess(): AutoCloseable {
        val launcher = Class.forName(LAUNCHER_CLASS, true, classLoader)
        val thread = Thread.currentThread()
        val previous = thread.contextClassLoader
        // Libraries of the server that look classes up through the context class loader find its own.
        thread.contextClassLoader = classLoader
        try {
            val server = launcher.getMethod("start").invoke(null)
            check(server is AutoCloseable && server is IntSupplier) { "unexpected launcher result $server" }
            return server
        } catch (e: java.lang.reflect.InvocationTargetException) {
            throw e.targetException
        } finally {
            thread.contextClassLoader = previous
        }
    }

    private fun resource(name: String): InputStream =
        TestServerBundle::class.java.classLoader.getResourceAsStream(name)
            ?: throw IllegalStateException(
                "$name is missing from the classpath: the test kit needs dev.temporalkt:temporal-kt-test-server-bundle",
            )

    private fun unpack(): List<Path> {
        val listing = resource("$RESOURCE_DIR/classpath.txt").use { it.readAllBytes() }
        val launcher = resource(launcherResource).use { it.readAllBytes() }
        // the listing separates the jars with the path separator of the machine that built the bundle
        val jars = String(listing, Charsets.UTF_8).split(':', ';', '\n', '\r').map(String::trim).filter(String::isNotEmpty)
        val digest = MessageDigest.getInstance("SHA-256").apply {
            update(listing)
            update(launcher)
        }
        val base = System.getProperty(CACHE_DIR_PROPERTY)?.let { Paths.get(it) }
            ?: Paths.get(System.getProperty("java.io.tmpdir"), "temporal-kt", "test-server")
        val dir = base.resolve(HexFormat.of().formatHex(digest.digest()).take(16))
        val classes = dir.resolve("classes")
        writeOnce(classes.resolve(launcherResource)) { launcher.inputStream() }
        return listOf(classes) + jars.map { jar ->
            dir.resolve(jar).also { target -> writeOnce(target) { resource("$RESOURCE_DIR/$jar") } }
        }
    }

    /** Writes [target] unless it exists, through a temporary file moved into place. */
    private fun writeOnce(target: Path, content: () -> InputStream) {
        if (Files.isRegularFile(target)) return
        Files.createDirectories(target.parent)
        val temporary = Files.createTempFile(target.parent, target.fileName.toString(), ".part")
        try {
            content().use { Files.copy(it, temporary, StandardCopyOption.REPLACE_EXISTING) }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE)
            } catch (e: AtomicMoveNotSupportedException) {
                Files.move(temporary, target)
            }
        } catch (e: FileAlreadyExistsException) {
            // another JVM got there first with the same bytes
        } catch (e: IOException) {
            if (!Files.isRegularFile(target)) throw e
        } finally {
            Files.deleteIfExists(temporary)
        }
    }
}
