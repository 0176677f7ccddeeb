package dev.temporalkt.worker.noreflect

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeUpdate
import dev.temporalkt.client.typed.query
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

class NoReflectActivities(private val punctuation: String) {
    @Activity
    suspend fun compose(greeting: String, names: List<String>): String = "$greeting, ${names.joinToString(" and ")}$punctuation"
}

@Workflow(name = "NoReflectGreeting")
class NoReflectWorkflow {
    private val names = mutableListOf<String>()
    private var greeting: String? = null

    @WorkflowRun
    suspend fun run(expected: Int): String {
        Workflow.waitCondition { names.size == expected && greeting != null }
        return Workflow.executeActivity(
            NoReflectActivities::compose, greeting!!, names.toList(),
            options = ActivityOptions(startToCloseTimeout = 10.seconds),
        )
    }

    @Signal
    fun addName(name: String) {
        names += name
    }

    @Query
    fun pending(prefix: String?): List<String> = names.map { "${prefix.orEmpty()}$it" }

    @Update
    fun setGreeting(value: String): Int {
        greeting = value
        return value.length
    }

    @UpdateValidator("setGreeting")
    fun validateGreeting(value: String) {
        require(value.isNotBlank()) { "a greeting must not be blank" }
    }
}

/**
 * A worker and a client that use the Kotlin definitions and typed calls, run in a class world of their own (see
 * NoKotlinReflectSpec). Returns what the client saw, one line each: the update result, the query answer, the workflow
 * result and the history's event types.
 */
object NoReflectScenario {
    @JvmStatic
    fun run(target: String): List<String> = runBlocking {
        val client = Client.connect(ConnectionOptions(target = target))
        val taskQueue = "no-reflect-${UUID.randomUUID()}"
        try {
            Worker(client, taskQueue, workflows = listOf(NoReflectWorkflow::class), activities = listOf(NoReflectActivities("!")))
                .start().use {
                    val handle = client.startWorkflow(
                        NoReflectWorkflow::run, 2,
                        options = WorkflowOptions(id = "no-reflect-${UUID.randomUUID()}", taskQueue = taskQueue),
                    )
                    handle.signal(NoReflectWorkflow::addName, "Ada")
                    handle.signal(NoReflectWorkflow::addName, "Grace")
                    val updated = handle.executeUpdate(NoReflectWorkflow::setGreeting, "Hello")
                    val pending = handle.query(NoReflectWorkflow::pending, "dear ")
                    val result = handle.result()
                    val events = handle.fetchHistory().history.eventsList.map { it.eventType.name }
                    listOf("update=$updated", "query=$pending", "result=$result", "events=${events.joinToString(",")}")
                }
        } finally {
            client.connection.close()
        }
    }
}

class DefaultingActivities {
    @Activity
    fun greet(name: String, greeting: String = "Hello"): String = "$greeting, $name"
}

@Workflow(name = "NoReflectDefaulting")
class DefaultingWorkflow {
    @WorkflowRun
    suspend fun run(name: String, times: Int = 1): String = name.repeat(times)
}

/** Registrations that need kotlin-reflect (parameters with default values), made where it is absent. */
object NoReflectRegistrations {
    /** The messages of the errors that registering the activity and the workflow fail with, one line each. */
    @JvmStatic
    fun run(target: String): List<String> = runBlocking {
        val client = Client.connect(ConnectionOptions(target = target, lazy = true))
        try {
            listOf(
                failure { Worker(client, "no-reflect", activities = listOf(DefaultingActivities())) },
                failure { Worker(client, "no-reflect", workflows = listOf(DefaultingWorkflow::class)) },
            )
        } finally {
            client.connection.close()
        }
    }

    private inline fun failure(register: () -> Worker): String = try {
        register().close()
        "registered"
    } catch (e: Exception) {
        "${e.javaClass.simpleName}: ${e.message}"
    }
}
