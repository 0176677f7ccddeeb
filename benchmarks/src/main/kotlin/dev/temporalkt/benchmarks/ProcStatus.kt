package dev.temporalkt.benchmarks

import java.nio.file.Files
import java.nio.file.Path

/** Reads process and machine figures from Linux `/proc`. */
object ProcStatus {
    /** `VmRSS` of process [pid], in bytes. */
    fun rssBytes(pid: Long): Long {
        val line = Files.readAllLines(Path.of("/proc/$pid/status")).first { it.startsWith("VmRSS:") }
        return line.removePrefix("VmRSS:").trim().removeSuffix("kB").trim().toLong() * 1024
    }

    /** Clock ticks per second of the `/proc/<pid>/stat` times (`getconf CLK_TCK`; 100 when it cannot be asked). */
    private val ticksPerSecond: Long by lazy {
        runCatching {
            val process = ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start()
            process.inputReader().readText().trim().toLong().also { process.waitFor() }
        }.getOrDefault(100L)
    }

    /**
     * CPU time (user + system, all threads) of process [pid] in nanoseconds, from `/proc/<pid>/stat`; its
     * resolution is one clock tick (10 ms at `CLK_TCK` = 100).
     */
    fun cpuNanos(pid: Long): Long {
        val stat = Files.readString(Path.of("/proc/$pid/stat"))
        // the command name (field 2) may contain spaces and parentheses: fields after it follow the last ')'
        val fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(' ')
        val ticks = fields[11].toLong() + fields[12].toLong() // utime (field 14) and stime (field 15)
        return ticks * 1_000_000_000L / ticksPerSecond
    }

    /** The 1-minute load average of the machine (`/proc/loadavg`). */
    fun loadAverage1m(): Double = Files.readString(Path.of("/proc/loadavg")).trim().split(' ')[0].toDouble()

    /** The three load averages as `/proc/loadavg` gives them (1, 5 and 15 minutes). */
    fun loadAverages(): String = Files.readString(Path.of("/proc/loadavg")).trim().split(' ').take(3).joinToString(" ")
}
