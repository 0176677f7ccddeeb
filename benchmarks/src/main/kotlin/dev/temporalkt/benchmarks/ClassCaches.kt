package dev.temporalkt.benchmarks

import dev.temporalkt.classcache.ClassCacheFlags
import dev.temporalkt.classcache.TrainClassCache
import dev.temporalkt.testing.DevServer
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.util.UUID
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

/**
 * The ahead-of-time class cache of each JVM worker kind (SDK and JDK), recorded once per harness run, before any
 * timing, by the SDK's own command ([TrainClassCache]) the same way for every SDK: the benchmark worker started with
 * the variant's arguments and [jvmArgs], [TRAINING_WORKFLOWS] `BenchSingleActivity` workflows run on it by
 * `temporal workflow execute`, then stopped. Workers with a cache run from [jarClasspath] (class-data sharing takes
 * classes from jars only).
 */
class ClassCaches(private val server: DevServer, private val jvmArgs: List<String>) {
    private val recorded = mutableMapOf<String, ClassCacheFlags>()

    /** The flags that start [variant]'s worker with its cache, recording the cache first if this run has none yet. */
    fun useFlags(variant: Variant): List<String> = flags(variant).use

    /** Records [variant]'s cache now (a no-op when it is recorded), so that it happens before the timing. */
    fun prepare(variant: Variant) {
        flags(variant)
    }

    private fun flags(variant: Variant): ClassCacheFlags {
        val jdk = variant.requireJdk()
        val key = "${variant.sdk.arg}-${jdk.label}-${variant.virtualThreads}"
        return recorded.getOrPut(key) { train(variant, jdk, key) }
    }

    private fun train(variant: Variant, jdk: Jdk, key: String): ClassCacheFlags {
        val dir = Files.createDirectories(BenchmarkPaths.target.resolve("class-caches"))
        val taskQueue = "class-cache-training-$key-${UUID.randomUUID()}"
        val execute = (1..TRAINING_WORKFLOWS).joinToString(" && ") {
            "'${server.executable}' workflow execute --address ${server.target} --namespace ${server.namespace} " +
                "--task-queue $taskQueue --type BenchSingleActivity --workflow-id $taskQueue-$it --input '\"training\"'"
        }
        println("class cache for ${variant.sdk.arg} on ${jdk.label}: training run")
        val logs = Files.createDirectories(BenchmarkPaths.target.resolve("benchmark-logs"))
        return TrainClassCache.train(
            listOf(
                "--java", jdk.java.toString(), "--output", dir.resolve("$key.cache").toString(),
                "--worker-log", logs.resolve("class-cache-training-$key.log").toString(), "--workload", execute, "--",
            ) + jvmArgs + listOf(
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", jarClasspath, WORKER_MAIN,
                variant.sdk.arg, server.target, server.namespace, taskQueue, variant.cacheSize(1).toString(), variant.virtualThreads.toString(),
            ),
            System.out,
        )
    }

    companion object {
        const val WORKER_MAIN = "dev.temporalkt.benchmarks.child.WorkerMain"

        /** Workflows of a training run. */
        const val TRAINING_WORKFLOWS = 3

        /**
         * The worker classpath with every class directory (this module's `target/classes`, modules of a reactor build
         * before `package`) replaced by a jar of it, written afresh under `target/class-caches` once per harness run.
         */
        val jarClasspath: String by lazy {
            val jars = Files.createDirectories(BenchmarkPaths.target.resolve("class-caches").resolve("jars"))
            WorkerClasspath.value.split(File.pathSeparator).filter { it.isNotEmpty() }.mapIndexed { i, entry ->
                val path = Path.of(entry)
                if (Files.isDirectory(path)) jar(path, jars.resolve("dir-$i-${path.toAbsolutePath().parent?.parent?.fileName ?: "classes"}.jar")).toString() else entry
            }.joinToString(File.pathSeparator)
        }

        private fun jar(root: Path, jar: Path): Path {
            JarOutputStream(Files.newOutputStream(jar)).use { out ->
                Files.walk(root).use { paths ->
                    paths.filter { Files.isRegularFile(it) }.sorted().forEach { file ->
                        out.putNextEntry(JarEntry(root.relativize(file).joinToString("/")))
                        Files.copy(file, out)
                        out.closeEntry()
                    }
                }
            }
            return jar
        }
    }
}
