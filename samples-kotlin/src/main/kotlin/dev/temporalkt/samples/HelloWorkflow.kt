package dev.temporalkt.samples

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.EmbeddedTestServer
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
    suspend fun run(name: String): String {
        // A durable timer: the embedded test server skips the day at once.
        delay(1.days)
        return Workflow.executeActivity(
            GreetingActivities::composeGreeting, "Hello", name,
            options = ActivityOptions(startToCloseTimeout = 10.seconds),
        )
    }
}

/**
 * Runs [HelloWorkflow] on the embedded Temporal test server with a worker in this process and prints the result and
 * the workflow's history.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java` after `mvn -B -q install -DskipTests`.
 */
fun main(): Unit = runBlocking {
    EmbeddedTestServer.start().use { server ->
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        Worker(client, "hello", workflows = listOf(HelloWorkflow::class), activities = listOf(GreetingActivities())).start().use {
            val handle = client.startWorkflow<String>("HelloWorkflow", "Temporal", options = WorkflowOptions(id = "hello-workflow", taskQueue = "hello"))
            println("Result: ${handle.result()}")
            println("History of ${handle.id}:")
            for (event in handle.fetchHistory().events) {
                println("  %3d %s".format(event.eventId, event.eventType.name.removePrefix("EVENT_TYPE_")))
            }
        }
        client.connection.close()
    }
}
