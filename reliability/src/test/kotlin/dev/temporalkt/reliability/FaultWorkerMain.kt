package dev.temporalkt.reliability

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

/**
 * The worker of [WorkerProcess]: a JVM of its own, so a test can kill it or exhaust its heap. Arguments: server
 * target, namespace, task queue, execution log file, activity work in milliseconds. Prints [READY] once polling.
 */
object FaultWorkerMain {
    const val READY: String = "FAULT-WORKER-READY"

    @JvmStatic
    fun main(args: Array<String>) {
        require(args.size == 5) { "usage: FaultWorkerMain <target> <namespace> <task queue> <execution log> <work millis>" }
        val (target, namespace, taskQueue, logFile, workMillis) = args
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = target, namespace = namespace))
            Worker(
                client,
                taskQueue,
                workflows = listOf(StepsWorkflow::class, HeapExhaustingWorkflow::class, StackOverflowWorkflow::class),
                activities = listOf(StepActivities(ExecutionLog(Path.of(logFile)), workMillis.toLong()), ExhaustingActivities()),
                // a task left on the sticky queue of a killed worker moves to the normal queue after this long
                options = WorkerOptions(stickyScheduleToStartTimeout = 2.seconds),
            ).start()
            println(READY)
            System.out.flush()
            awaitCancellation()
        }
    }
}
