package dev.temporalkt.benchmarks

import java.nio.file.Files
import java.nio.file.Path

/** A JDK that worker processes can run on. */
data class Jdk(val label: String, val home: Path) {
    val java: Path get() = home.resolve("bin").resolve("java")
    val isAvailable: Boolean get() = Files.isExecutable(java)

    companion object {
        /** The JDK running the harness (17 on the reference machine). */
        val CURRENT = Jdk("jdk" + Runtime.version().feature(), Path.of(System.getProperty("java.home")))

        /** A JDK with virtual threads: `-Dbenchmarks.jdk25=/path`, else the Temurin 25 install location. */
        val JDK25 = Jdk("jdk25", Path.of(System.getProperty("benchmarks.jdk25") ?: "/usr/lib/jvm/temurin-25-jdk-amd64"))
    }
}
