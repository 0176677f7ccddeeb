package dev.temporalkt.classcache

import dev.temporalkt.classcache.sample.ClassCacheSampleWorker
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.UUID
import java.util.concurrent.TimeUnit
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import kotlin.io.path.isDirectory
import kotlin.io.path.readLines
import kotlin.io.path.readText

/**
 * The class cache command as a user runs it: a sample worker packaged as a jar, `TrainClassCache` records its cache
 * while `temporal workflow execute` runs a workflow on it, and the worker started with the cache runs a workflow with
 * its classes mapped from the cache (`-Xlog:class+load` says `source: shared objects file`).
 */
class TrainClassCacheSpec : FunSpec({
    val dir: Path = Files.createDirectories(Path.of("target", "class-cache-test")).toAbsolutePath()
    val classpath: List<Path> by lazy { jarClasspath(dir) }
    val jdk25 = Path.of(System.getProperty("classcache.jdk25") ?: "/usr/lib/jvm/temurin-25-jdk-amd64", "bin", "java")

    test("dev server only: TrainClassCache writes a cache for the default JDK, the worker started with it runs a workflow with its classes from the cache") {
        val server = SharedServers.devServer()
        val java = Path.of(System.getProperty("java.home"), "bin", "java")
        val feature = Runtime.version().feature()
        val cache = dir.resolve("worker-jdk$feature.cache")
        val flags = ClassCacheFlags.forJdk(feature, cache)
        val output = train(server, java, cache, classpath, dir.resolve("training-$feature.log"))
        output shouldContain "Class cache for JDK $feature written to $cache"
        output shouldContain "adding: ${flags.use.single()}"

        val loaded = runWithCache(server, java, flags.use, classpath, dir.resolve("classes-$feature.log"))
        loaded.assertMostlyShared()

        if (!flags.isAotCache) {
            // a changed classpath (the sample jar moved to another directory): the JVM warns and runs without the cache
            val moved = dir.resolve("moved").also { Files.createDirectories(it) }.resolve("sample-worker.jar")
            Files.copy(classpath.first(), moved, StandardCopyOption.REPLACE_EXISTING)
            val stale = runWithCache(server, java, flags.use, listOf(moved) + classpath.drop(1), dir.resolve("classes-stale.log"))
            stale.applicationShared shouldBe 0
            stale.workerOutput shouldContain "[warning][cds,dynamic] Unable to use shared archive. The top archive failed to load: $cache"
        }
    }

    test("dev server only: TrainClassCache --java <JDK 25> writes an AOT cache, the worker started with -XX:AOTCache runs a workflow with its classes from it")
        .config(enabledIf = { Files.isExecutable(jdk25) }) {
        val server = SharedServers.devServer()
        val cache = dir.resolve("worker-jdk25.aot")
        val output = train(server, jdk25, cache, classpath, dir.resolve("training-25.log"))
        output shouldContain "Class cache for JDK 25 written to $cache"
        output shouldContain "adding: -XX:AOTCache=$cache"

        val loaded = runWithCache(server, jdk25, listOf("-XX:AOTCache=$cache"), classpath, dir.resolve("classes-25.log"))
        loaded.assertMostlyShared()
    }

    test("a class directory on the worker's classpath is refused with a message saying to package it into a jar") {
        val classes = Files.createDirectories(dir.resolve("loose-classes"))
        val process = ProcessBuilder(
            listOf(javaOfThisJvm(), "-cp", classpath.joinToString(File.pathSeparator), TrainClassCache::class.java.name, "--output", dir.resolve("never.jsa").toString(),
                "--run-for", "1", "--", "-cp", "${classpath.first()}${File.pathSeparator}$classes", ClassCacheSampleWorker::class.java.name, "a", "b", "c"),
        ).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        process.waitFor(60, TimeUnit.SECONDS) shouldBe true
        process.exitValue() shouldBe 2
        output shouldContain "TrainClassCache: the worker's classpath has class directories ($classes): class-data sharing only archives classes loaded from jar files, so package them into a jar"
        Files.exists(dir.resolve("never.jsa")) shouldBe false
    }
})

/** Classes loaded by a worker run: all, and those of the application (not the JDK's), with how many came from the cache. */
private class LoadedClasses(val total: Int, val application: Int, val applicationShared: Int, val sampleShared: Boolean, val workerOutput: String) {
    fun assertMostlyShared() {
        application shouldBeGreaterThan 2_000
        (applicationShared.toDouble() / application) shouldBeGreaterThan 0.9
        sampleShared shouldBe true
    }
}

private fun javaOfThisJvm(): String = Path.of(System.getProperty("java.home"), "bin", "java").toString()

/** Runs the one command as a user would, returning its console output; fails on a non-zero exit. */
private fun train(server: DevServer, java: Path, cache: Path, classpath: List<Path>, workerLog: Path): String {
    val taskQueue = "class-cache-training-${UUID.randomUUID()}"
    val workload = listOf(
        server.executable.toString(), "workflow", "execute", "--address", server.target, "--namespace", server.namespace,
        "--task-queue", taskQueue, "--type", "ClassCacheSample", "--workflow-id", taskQueue, "--input", "'\"training\"'",
    ).joinToString(" ")
    Files.deleteIfExists(workerLog)
    val cp = classpath.joinToString(File.pathSeparator)
    val process = ProcessBuilder(
        listOf(javaOfThisJvm(), "-cp", cp, TrainClassCache::class.java.name, "--java", java.toString(), "--output", cache.toString(),
            "--worker-log", workerLog.toString(), "--workload", workload, "--",
            "-cp", cp, ClassCacheSampleWorker::class.java.name, server.target, server.namespace, taskQueue),
    ).redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    check(process.waitFor(10, TimeUnit.MINUTES)) { "TrainClassCache did not finish" }
    check(process.exitValue() == 0) { "TrainClassCache failed (${process.exitValue()}):\n$output\n--- worker log ---\n${runCatching { workerLog.readText() }.getOrDefault("")}" }
    // the CLI's `workflow execute` printed the training workflow as completed
    Regex("""Status\s+COMPLETED""").containsMatchIn(workerLog.readText()) shouldBe true
    return output
}

/** Starts the sample worker with [cacheFlags], runs one workflow on it, stops it and reads its class-load log. */
private suspend fun runWithCache(server: DevServer, java: Path, cacheFlags: List<String>, classpath: List<Path>, classLog: Path): LoadedClasses {
    val taskQueue = "class-cache-run-${UUID.randomUUID()}"
    Files.deleteIfExists(classLog)
    val workerOutput = classLog.resolveSibling(classLog.fileName.toString().removeSuffix(".log") + "-worker.log")
    val worker = ProcessBuilder(
        listOf(java.toString()) + cacheFlags + listOf("-Xlog:class+load=info:file=$classLog", "-cp", classpath.joinToString(File.pathSeparator),
            ClassCacheSampleWorker::class.java.name, server.target, server.namespace, taskQueue),
    ).redirectErrorStream(true).redirectOutput(workerOutput.toFile()).start()
    try {
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        try {
            val handle = client.startWorkflow<String>("ClassCacheSample", "cached", options = WorkflowOptions(id = taskQueue, taskQueue = taskQueue))
            handle.result() shouldBe "Hello, cached!"
        } finally {
            client.connection.close()
        }
    } finally {
        worker.destroy()
        worker.waitFor(60, TimeUnit.SECONDS)
    }
    val lines = classLog.readLines().filter { it.contains("[class,load]") }
    val application = lines.filter { line ->
        val name = line.substringAfter("[class,load] ").substringBefore(' ')
        JDK_PACKAGES.none { name.startsWith(it) }
    }
    return LoadedClasses(
        total = lines.size,
        application = application.size,
        applicationShared = application.count { it.contains("source: shared objects file") },
        sampleShared = application.any { it.contains("[class,load] ${ClassCacheSampleWorker::class.java.name} source: shared objects file") },
        workerOutput = workerOutput.readText(),
    )
}

private val JDK_PACKAGES = listOf("java.", "javax.", "jdk.", "sun.", "com.sun.")

/**
 * The test JVM's classpath as jars, the way a worker ships: the sample worker's package in a jar of its own first,
 * then every jar of the classpath; a class directory of another module (a reactor build before `package`) is jarred too.
 */
private fun jarClasspath(dir: Path): List<Path> {
    val testClasses = Path.of(ClassCacheSampleWorker::class.java.protectionDomain.codeSource.location.toURI())
    val samplePackage = ClassCacheSampleWorker::class.java.packageName.replace('.', '/')
    val sampleJar = jar(testClasses, dir.resolve("sample-worker.jar")) { it.startsWith(samplePackage) }
    val rest = System.getProperty("java.class.path").split(File.pathSeparator).filter { it.isNotEmpty() }.map { Path.of(it).toAbsolutePath() }
        .filter { it != testClasses && Files.exists(it) }
        .map { entry -> if (entry.isDirectory()) jar(entry, dir.resolve("dir-${entry.parent.parent.fileName}-${entry.fileName}.jar")) { true } else entry }
    return listOf(sampleJar) + rest
}

private fun jar(root: Path, jar: Path, include: (String) -> Boolean): Path {
    JarOutputStream(Files.newOutputStream(jar)).use { out ->
        Files.walk(root).use { paths ->
            paths.filter { Files.isRegularFile(it) }.forEach { file ->
                val name = root.relativize(file).joinToString("/")
                if (include(name)) {
                    out.putNextEntry(JarEntry(name))
                    Files.copy(file, out)
                    out.closeEntry()
                }
            }
        }
    }
    return jar
}

