package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain

@Workflow(name = "Same")
class FirstSameWorkflow {
    @WorkflowRun
    suspend fun run(): String = "first"
}

@Workflow(name = "Same")
class SecondSameWorkflow {
    @WorkflowRun
    suspend fun run(): String = "second"
}

@Workflow
class NoRunWorkflow {
    suspend fun notAnnotated(): String = "x"
}

class NotAWorkflow

class DuplicateActivities {
    @Activity(name = "charge")
    fun chargeCard(): String = "card"

    @Activity(name = "charge")
    fun chargeAccount(): String = "account"
}

/** Everything a worker is given is checked when it is built, with messages that say what to fix. */
class WorkerValidationSpec : FunSpec({
    // A lazy connection never touches the network: building a worker must not need a server.
    val client = Client(Connection.open(ConnectionOptions(target = "127.0.0.1:1", lazy = true)))
    afterSpec { client.connection.close() }

    test("a worker needs a workflow, an activity or a Nexus service") {
        shouldThrow<IllegalArgumentException> { Worker(client, "q") }.message shouldContain
            "needs at least one workflow class, activity or Nexus service"
    }

    test("two workflow classes with the same type name are refused, naming both") {
        val error = shouldThrow<IllegalArgumentException> {
            Worker(client, "q", workflows = listOf(FirstSameWorkflow::class, SecondSameWorkflow::class))
        }
        error.message shouldContain "'Same'"
        error.message shouldContain "FirstSameWorkflow"
        error.message shouldContain "SecondSameWorkflow"
    }

    test("a workflow class without a run function is refused with the fix") {
        val error = shouldThrow<Exception> { Worker(client, "q", workflows = listOf(NoRunWorkflow::class)) }
        error.message shouldContain "@WorkflowRun"
    }

    test("a class that is not a workflow is refused with the fix") {
        val error = shouldThrow<Exception> { Worker(client, "q", workflows = listOf(NotAWorkflow::class)) }
        error.message shouldContain "annotate it with @Workflow"
    }

    test("two activities with the same name are refused") {
        val error = shouldThrow<IllegalArgumentException> { Worker(client, "q", activities = listOf(DuplicateActivities())) }
        error.message shouldContain "charge"
    }

    test("invalid options say which option is wrong") {
        shouldThrow<IllegalArgumentException> { WorkerOptions(maxCachedWorkflows = -1) }.message shouldContain "maxCachedWorkflows"
        shouldThrow<IllegalArgumentException> { WorkerOptions(workflowTaskPollers = 0) }.message shouldContain "workflowTaskPollers"
    }
})
