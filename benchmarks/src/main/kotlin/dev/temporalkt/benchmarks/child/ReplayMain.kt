package dev.temporalkt.benchmarks.child

import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.benchmarks.javasdk.ReplayWorkflowImpl
import dev.temporalkt.benchmarks.kt.ReplayWorkflow
import dev.temporalkt.worker.WorkflowReplayer
import io.temporal.common.WorkflowExecutionHistory
import io.temporal.testing.TestWorkflowEnvironment
import io.temporal.worker.WorkerOptions
import java.nio.file.Files
import java.nio.file.Path
import kotlin.system.exitProcess

/**
 * Replays one recorded history repeatedly in this process and prints
 * `REPLAY events=… nanos=<median> fastest=<nanos> cpu=<mean process CPU nanos> allocated=<median bytes> allThreads=<bool> samples=…`.
 * The process CPU time per replay (all threads, the mean over the measured replays: the clock behind it may tick only
 * every 10 ms) depends less on other processes than the wall time does.
 *
 * Arguments: `kt|java historyJsonFile warmups measured`.
 */
object ReplayMain {
    @JvmStatic
    fun main(args: Array<String>) {
        try {
            body(args)
        } catch (e: Throwable) {
            e.printStackTrace()
            println("ERROR ${e.javaClass.name}: ${e.message?.lineSequence()?.firstOrNull()}")
            System.out.flush()
            exitProcess(1)
        }
    }

    private fun body(args: Array<String>) {
        require(args.size == 4) { "usage: ReplayMain kt|java historyJsonFile warmups measured" }
        val (sdk, file) = args
        val warmups = args[2].toInt()
        val measured = args[3].toInt()
        val json = Files.readString(Path.of(file))
        val replay: () -> Unit
        val events: Int
        var closer: AutoCloseable? = null
        when (sdk) {
            "kt" -> {
                val history = History.newBuilder().also { JsonFormat.parser().ignoringUnknownFields().merge(json, it) }.build()
                events = history.eventsCount
                val replayer = WorkflowReplayer(listOf(ReplayWorkflow::class))
                replay = { replayer.replay(history) }
            }
            "java" -> {
                val history = WorkflowExecutionHistory.fromJson(json)
                events = history.events.size
                // What io.temporal.testing.WorkflowReplayer does per call, with the environment built once so the
                // measurement is the replay and not the in-memory test server's start.
                val environment = TestWorkflowEnvironment.newInstance()
                // the deadlock detector (1 s by default) fails replays on an overloaded machine; it is a debugging aid,
                // not part of the cost, so it is set out of reach here
                val worker = environment.newWorker("replay", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(600_000).build())
                worker.registerWorkflowImplementationTypes(ReplayWorkflowImpl::class.java)
                closer = AutoCloseable { environment.close() }
                replay = { worker.replayWorkflowExecution(history) }
            }
            else -> throw IllegalArgumentException("unknown SDK '$sdk', expected kt or java")
        }
        repeat(warmups) { replay() }
        val nanos = LongArray(measured)
        val allocated = LongArray(measured)
        val cpu0 = SelfStats.processCpuNanos()
        for (i in 0 until measured) {
            val a0 = SelfStats.allocatedBytes()
            val t0 = System.nanoTime()
            replay()
            nanos[i] = System.nanoTime() - t0
            allocated[i] = SelfStats.allocatedBytes() - a0
        }
        val cpu = (SelfStats.processCpuNanos() - cpu0) / measured
        closer?.close()
        println(
            "REPLAY events=$events nanos=${nanos.sorted()[measured / 2]} fastest=${nanos.min()} cpu=$cpu allocated=${allocated.sorted()[measured / 2]} " +
                "allThreads=${SelfStats.allocationCountsAllThreads} jdk=${System.getProperty("java.version")} samples=${nanos.joinToString(",")}",
        )
        System.out.flush()
        exitProcess(0)
    }
}
