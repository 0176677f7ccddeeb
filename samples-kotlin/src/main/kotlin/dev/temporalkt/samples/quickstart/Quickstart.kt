/** The README's Kotlin quickstart, line for line: `-Dexec.mainClass=dev.temporalkt.samples.quickstart.QuickstartKt`. */
package dev.temporalkt.samples.quickstart

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.*
import kotlinx.coroutines.*
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.seconds

class Greeter { @Activity suspend fun greet(name: String): String = "Hello, $name!" }

@Workflow class Hello {
    @WorkflowRun suspend fun run(name: String): String {
        delay(1.days) // a durable timer; the time-skipping test server skips it
        return Workflow.executeActivity(Greeter::greet, name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
    }
}

fun main(): Unit = runBlocking {
    WorkflowEnvironment.startTimeSkipping().use { env -> // a real server: Client.connect(ClientConfigProfile.load())
        Worker(env.client, "hello", workflows = listOf(Hello::class), activities = listOf(Greeter())).start().use {
            println(env.client.executeWorkflow(Hello::run, "Temporal", WorkflowOptions(id = "hello", taskQueue = "hello")))
        }
    }
}
