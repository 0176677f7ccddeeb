package dev.temporalkt.benchmarks

import java.nio.file.Files
import java.nio.file.Path

/** Reads process figures from Linux `/proc`. */
object ProcStatus {
    /** `VmRSS` of process [pid], in bytes. */
    fun rssBytes(pid: Long): Long {
        val line = Files.readAllLines(Path.of("/proc/$pid/status")).first { it.startsWith("VmRSS:") }
        return line.removePrefix("VmRSS:").trim().removeSuffix("kB").trim().toLong() * 1024
    }
}
