package dev.temporalkt.testing

import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID

/** Counts `add` signals, continuing as new after each one, until it has [total]. */
@Workflow(name = "EnvironmentCountingEntity")
class CountingEntityWorkflow {
    private var received = 0

    @WorkflowRun
    suspend fun run(total: Int, counted: Int): Int {
        Workflow.waitCondition { received > 0 }
        val now = counted + received
        if (now >= total) return now
        Workflow.continueAsNew(total, now)
    }

    @Signal
    fun add() {
        received++
    }
}

/**
 * The time-skipping server closes a run that continues as new and starts the next one in two steps; a signal for the
 * latest run that lands between them is sent again by the environment's client instead of failing.
 */
class ContinueAsNewSignalSpec : FunSpec({
    test("signals sent while a workflow keeps continuing as new all reach it, and one for an ended workflow still fails") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            val taskQueue = "counting-${UUID.randomUUID()}"
            Worker(env.client, taskQueue, workflows = listOf(CountingEntityWorkflow::class)).start().use {
                val total = 40
                val handle = env.client.startWorkflow(
                    CountingEntityWorkflow::run, total, 0, WorkflowOptions(id = "counting-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                repeat(total) { handle.signal(CountingEntityWorkflow::add) }
                handle.result() shouldBe total
                val error = shouldThrow<RpcException> { handle.signal(CountingEntityWorkflow::add) }
                error.code shouldBe RpcStatusCode.NOT_FOUND
            }
        }
    }
})
