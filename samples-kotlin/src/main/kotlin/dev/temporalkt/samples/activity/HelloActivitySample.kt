package dev.temporalkt.samples.activity

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

/** An activity: ordinary code that may fail and is retried; a class lets activities share dependencies. */
class GreeterActivities(private val greeting: String = "Hello") {
    @Activity
    suspend fun greet(name: String): String = "$greeting, $name!"
}

/** A workflow that calls one activity and returns its result. */
@Workflow
class HelloActivityWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String = Workflow.executeActivity(
        GreeterActivities::greet, name,
        options = ActivityOptions(startToCloseTimeout = 10.seconds),
    )
}

/** Starts [HelloActivityWorkflow] for [name] with a worker on [taskQueue] and waits for its result. */
suspend fun runHelloActivity(client: Client, name: String, workflowId: String, taskQueue: String = "hello-activity"): String =
    Worker(client, taskQueue, workflows = listOf(HelloActivityWorkflow::class), activities = listOf(GreeterActivities())).start().use {
        client.executeWorkflow(HelloActivityWorkflow::run, name, WorkflowOptions(id = workflowId, taskQueue = taskQueue))
    }

/**
 * Hello activity: a workflow that calls an activity.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.activity.HelloActivitySampleKt`
 * (after `mvn -B -pl samples-kotlin -am install -DskipTests`).
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("hello-activity")
        val result = runHelloActivity(client, "Temporal", id)
        println("Workflow $id (HelloActivityWorkflow) returned: $result")
    }
}
