package dev.temporalkt.samples

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.seconds

/** Activities are plain (or suspend) functions; a class lets them share dependencies. */
class GreetingActivities {
    @Activity
    suspend fun composeGreeting(greeting: String, name: String): String = "$greeting, $name!"
}

/** A workflow is a class with one suspend run function; its code must be deterministic. */
@Workflow
class HelloWorkflow {
    @WorkflowRun
    suspend fun run(name: String, waitSeconds: Long): String {
        // A durable timer: it survives worker restarts; the embedded test server skips a day of it at once.
        delay(waitSeconds.seconds)
        return Workflow.executeActivity(
            GreetingActivities::composeGreeting, "Hello", name,
            options = ActivityOptions(startToCloseTimeout = 10.seconds),
        )
    }
}

/** What the main sample shows: the result and the workflow's history, one event type per line. */
data class HelloOutcome(val result: String, val events: List<String>)

/** Runs [HelloWorkflow] for [name] with a worker on [taskQueue]: a timer of [waitSeconds], then the activity. */
suspend fun runHello(client: Client, name: String, workflowId: String, waitSeconds: Long = 1.days.inWholeSeconds, taskQueue: String = "hello"): HelloOutcome =
    Worker(client, taskQueue, workflows = listOf(HelloWorkflow::class), activities = listOf(GreetingActivities())).start().use {
        val handle = client.startWorkflow(HelloWorkflow::run, name, waitSeconds, WorkflowOptions(id = workflowId, taskQueue = taskQueue))
        val result = handle.result()
        HelloOutcome(result, handle.fetchHistory().events.map { "%3d %s".format(it.eventId, it.eventType.name.removePrefix("EVENT_TYPE_")) })
    }

/**
 * The main sample: a workflow with a day-long durable timer and an activity, with a worker in this process; prints the
 * result and the workflow's history. It runs on the embedded time-skipping Temporal test server (nothing to install:
 * the day passes at once), or on a real server when `TEMPORAL_ADDRESS` or a profile names one (the timer then lasts
 * five seconds), see [SampleServer].
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java` after `mvn -B -pl samples-kotlin -am install -DskipTests`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("hello-workflow")
        val outcome = runHello(client, "Temporal", id, waitSeconds = if (SampleServer.skipsTime) 1.days.inWholeSeconds else 5)
        println("Workflow $id (HelloWorkflow) returned: ${outcome.result}")
        println("Its history:")
        outcome.events.forEach { println("  $it") }
    }
}
