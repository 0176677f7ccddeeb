package dev.temporalkt.benchmarks

import java.nio.file.Files
import java.nio.file.Path

/** Where the benchmarks module lives: `-Dbenchmarks.dir` (set by the exec plugin), else `./benchmarks` or `.`. */
object BenchmarkPaths {
    val module: Path = System.getProperty("benchmarks.dir")?.let { Path.of(it) }
        ?: listOf(Path.of("benchmarks"), Path.of(".")).first { Files.exists(it.resolve("pom.xml")) && Files.isDirectory(it.resolve("src/main/kotlin/dev/temporalkt/benchmarks")) }

    val target: Path get() = module.resolve("target")
}

/**
 * The classpath of worker processes: `-Dbenchmarks.classpath` when given; else `target/classes` plus the dependency
 * list written by the build (`target/worker-classpath.txt`); when that file is missing, the harness's own classpath.
 */
object WorkerClasspath {
    val value: String by lazy {
        System.getProperty("benchmarks.classpath")?.let { return@lazy it }
        val file = BenchmarkPaths.target.resolve("worker-classpath.txt")
        if (Files.exists(file)) {
            BenchmarkPaths.target.resolve("classes").toAbsolutePath().toString() + java.io.File.pathSeparator + Files.readString(file).trim()
        } else {
            System.getProperty("java.class.path")
        }
    }
}
