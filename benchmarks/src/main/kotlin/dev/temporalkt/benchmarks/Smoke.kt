package dev.temporalkt.benchmarks

import dev.temporalkt.testing.DevServer
import kotlin.system.exitProcess

/**
 * Every implemented workload in smoke mode (tiny sizes, one round): proves the harness, both SDKs' workers and the
 * measurements still work. Exits non-zero when any workload fails. Numbers from a smoke run mean nothing.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.Smoke`
 */
object Smoke {
    @JvmStatic
    fun main(args: Array<String>) {
        val smoke = BenchmarkArgs.parse(arrayOf("--smoke") + args)
        val workloads = listOf<Pair<String, (BenchmarkArgs, DevServer) -> Unit>>(
            "replay" to ReplayBenchmark::run,
            "footprint" to FootprintBenchmark::run,
            "cpu" to CpuBenchmark::run,
            "fanout" to FanOutBenchmark::run,
            "coldstart" to ColdStartBenchmark::run,
            "saturation" to SaturationBenchmark::run,
            "timerloop" to { args, _ -> TimerLoopFootprint.run(args) },
        )
        val failed = mutableListOf<String>()
        val server = DevServer.start()
        for ((name, workload) in workloads) {
            println("== smoke: $name")
            val started = System.nanoTime()
            try {
                workload(smoke, server)
                println("== smoke: $name passed in ${(System.nanoTime() - started) / 1_000_000} ms")
            } catch (e: Throwable) {
                e.printStackTrace()
                println("== smoke: $name FAILED: $e")
                failed += name
            }
        }
        server.close()
        if (failed.isNotEmpty()) {
            println("benchmark smoke run failed: $failed")
            exitProcess(1)
        }
        println("benchmark smoke run passed")
        exitProcess(0)
    }
}
