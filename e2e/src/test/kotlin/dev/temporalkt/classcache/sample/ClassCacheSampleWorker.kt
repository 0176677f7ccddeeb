package dev.temporalkt.classcache.sample

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

class ClassCacheSampleActivities {
    @Activity
    suspend fun greet(name: String): String = "Hello, $name"
}

@Workflow(name = "ClassCacheSample")
class ClassCacheSampleWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        Workflow.executeActivity(ClassCacheSampleActivities::greet, name, options = ActivityOptions(startToCloseTimeout = 10.seconds)) + "!"
}

/**
 * A user's worker as it would ship in a jar: `ClassCacheSampleWorker target namespace taskQueue` polls until the
 * process is stopped.
 */
object ClassCacheSampleWorker {
    @JvmStatic
    fun main(args: Array<String>) {
        require(args.size == 3) { "usage: ClassCacheSampleWorker target namespace taskQueue" }
        val (target, namespace, taskQueue) = args
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = target, namespace = namespace))
            Worker(client, taskQueue, workflows = listOf(ClassCacheSampleWorkflow::class), activities = listOf(ClassCacheSampleActivities())).run()
        }
    }
}
