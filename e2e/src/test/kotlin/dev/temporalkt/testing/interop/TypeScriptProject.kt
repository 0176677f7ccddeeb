package dev.temporalkt.testing.interop

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import kotlin.io.path.exists
import kotlin.io.path.readText
import kotlin.io.path.writeText

/**
 * The TypeScript SDK project of the interop tests (test resources `interop/ts`), installed in `target/interop-ts`.
 *
 * [directory] copies the project's sources there and runs `npm ci` once; the installation is reused by later runs
 * while `package-lock.json` is unchanged (a marker file records the lock file's SHA-256).
 */
object TypeScriptProject {
    private const val RESOURCE_ROOT = "interop/ts"
    private const val MARKER = ".installed-lock-sha256"
    private val installed: Result<Path> by lazy { runCatching { install() } }

    /** The installed project directory, ready to run `node src/worker.js` and `node src/client.js`. */
    fun directory(): Path = installed.getOrThrow()

    private fun install(): Path {
        NodeToolchain.DEFAULT.require()
        val source = sourceDirectory()
        // test-classes/interop/ts -> target/interop-ts
        val target = source.parent.parent.parent.resolve("interop-ts")
        copySources(source, target)
        val lockHash = sha256(target.resolve("package-lock.json"))
        val marker = target.resolve(MARKER)
        val upToDate = marker.exists() && marker.readText().trim() == lockHash &&
            target.resolve("node_modules/@temporalio/worker/package.json").exists()
        if (!upToDate) {
            Files.deleteIfExists(marker)
            npmCi(target)
            marker.writeText(lockHash)
        }
        return target
    }

    private fun sourceDirectory(): Path {
        val url = TypeScriptProject::class.java.classLoader.getResource("$RESOURCE_ROOT/package.json")
            ?: error("Test resource $RESOURCE_ROOT/package.json is missing from the test classpath")
        check(url.protocol == "file") { "The TypeScript interop project must be on the file system, found $url" }
        return Paths.get(url.toURI()).parent
    }

    private fun copySources(source: Path, target: Path) {
        Files.createDirectories(target)
        Files.walk(source).use { paths ->
            paths.filter { Files.isRegularFile(it) }.forEach { file ->
                val relative = source.relativize(file)
                check(relative.getName(0).toString() != "node_modules") {
                    "Remove ${source.resolve("node_modules")}: dependencies are installed in $target by the tests"
                }
                val destination = target.resolve(relative)
                Files.createDirectories(destination.parent)
                Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING)
            }
        }
    }

    private fun npmCi(directory: Path) {
        val log = directory.resolve("npm-ci.log")
        val process = ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start()
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly()
            error("`npm ci` in $directory did not finish within 10 minutes; output so far in $log:\n${tail(log)}")
        }
        check(process.exitValue() == 0) {
            "`npm ci` in $directory failed with exit code ${process.exitValue()}. It downloads the pinned TypeScript " +
                "SDK packages from the npm registry, which must be reachable. Output ($log):\n${tail(log)}"
        }
    }

    private fun tail(log: Path): String = if (log.exists()) log.readText().lines().takeLast(40).joinToString("\n") else ""

    private fun sha256(file: Path): String =
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)).joinToString("") { "%02x".format(it) }
}
