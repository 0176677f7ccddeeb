package dev.temporalkt.classcache.internal

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** The feature release (`17`, `25`, …) of a `java` executable, read from its `-version` output. */
internal object JdkRelease {
    private val VERSION = Regex("""version "(\d+)(?:[.\-+"])""")

    /** The `java` of the JVM running this code. */
    fun currentJava(): Path = Path.of(System.getProperty("java.home"), "bin", if (isWindows()) "java.exe" else "java")

    fun isWindows(): Boolean = System.getProperty("os.name").startsWith("Windows", ignoreCase = true)

    fun featureOf(java: Path): Int {
        require(Files.isExecutable(java)) { "--java $java is not an executable file" }
        val process = ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor(60, TimeUnit.SECONDS)) { "$java -version did not finish within 60 s" }
        val match = VERSION.find(output) ?: throw IllegalArgumentException("cannot read the JDK version of $java from its -version output:\n$output")
        return match.groupValues[1].toInt()
    }
}
