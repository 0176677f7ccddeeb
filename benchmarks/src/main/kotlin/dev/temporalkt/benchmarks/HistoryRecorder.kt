package dev.temporalkt.benchmarks

import com.google.protobuf.util.JsonFormat
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import kotlinx.coroutines.delay
import java.nio.file.Files
import java.nio.file.Path
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds

/**
 * Records histories for the replay workload: runs the `BenchReplay` workflow with one SDK's worker (a child process)
 * on the server, pinging it with signals, until its history reaches the wanted length, then stops it and saves the
 * history as JSON.
 *
 * Each SDK replays a history its own worker recorded: both SDKs check activity and timer ids during replay and
 * derive them differently (temporal-kt: sequence numbers; the Java SDK: name-based UUIDs), so one history cannot
 * serve both. The workflow code is the same, so the histories have the same shape and nearly the same length.
 *
 * The workflow runs rounds of [fanoutFor] concurrent activities: [FANOUT] for histories of 1,000 events and more,
 * [SMALL_FANOUT] below, where one round of 50 (about 160 events) would already overshoot the wanted length.
 */
class HistoryRecorder(private val client: Client, private val target: String, private val namespace: String) {
    /** The file holding a history of at least [events] events recorded by [sdk], recorded now unless it exists. */
    suspend fun historyOf(sdk: Sdk, events: Int): Path {
        val dir = Files.createDirectories(BenchmarkPaths.target.resolve("bench-histories"))
        val file = dir.resolve("replay-${sdk.arg}-$events.json")
        if (Files.exists(file)) return file
        val taskQueue = "record-${UUID.randomUUID()}"
        val started = System.nanoTime()
        ChildProcess.startJvm(
            Jdk.CURRENT, "dev.temporalkt.benchmarks.child.WorkerMain",
            listOf(sdk.arg, target, namespace, taskQueue, "10", "false"), listOf("-Xmx1g"), "record-${sdk.arg}-$events",
        ).use { worker ->
            worker.await("READY", 120_000)
            val handle = client.startWorkflow<Int>("BenchReplay", fanoutFor(events), options = WorkflowOptions(id = "record-$events-${UUID.randomUUID()}", taskQueue = taskQueue))
            var pings = 0
            while (handle.describe().historyLength < events) {
                handle.signal("ping", "p${pings++}")
                delay(100.milliseconds)
            }
            handle.signal("stop")
            handle.result()
            val history = handle.fetchHistory().history
            Files.writeString(file, JsonFormat.printer().print(history))
            println("recorded ${history.eventsCount} events with ${sdk.arg} in ${(System.nanoTime() - started) / 1_000_000} ms -> $file")
        }
        return file
    }

    companion object {
        /** Concurrent activities per round of the recorded workflow. */
        const val FANOUT = 50

        /** Concurrent activities per round in histories shorter than 1,000 events (about 25 events a round). */
        const val SMALL_FANOUT = 5

        /** The fan-out of the workflow recorded for a history of [events] events. */
        fun fanoutFor(events: Int): Int = if (events < 1_000) SMALL_FANOUT else FANOUT
    }
}
