package dev.temporalkt.samples.entity

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.Serializable

/** One change to an account; `close` ends the entity. */
@Serializable
data class AccountEvent(val deposit: Int = 0, val close: Boolean = false)

/** The state one run hands to the next. */
@Serializable
data class AccountState(val balance: Int = 0, val run: Int = 1, val pending: List<AccountEvent> = emptyList())

/**
 * A long-running entity: an account that lives as long as it is open, applying the events it is signalled. To keep
 * each run's history short it continues as new after [EVENTS_PER_RUN] events (a real entity would also ask
 * `Workflow.isContinueAsNewSuggested()`), handing its balance and the events not applied yet to the next run.
 *
 * The new run's signal handler runs before its `@WorkflowRun` function for signals that arrived while the previous
 * run was ending, so the run puts the handed-over events in front of those: events apply in the order they were sent.
 */
@Workflow
class AccountEntityWorkflow {
    private val pending = ArrayDeque<AccountEvent>()

    @WorkflowRun
    suspend fun run(state: AccountState): String {
        // Signals sent while the previous run was continuing as new reach this run before its first step and are
        // queued already; the events handed over are older, so they go first.
        state.pending.asReversed().forEach(pending::addFirst)
        var balance = state.balance
        var applied = 0
        while (true) {
            Workflow.waitCondition { pending.isNotEmpty() }
            val event = pending.removeFirst()
            if (event.close) return "account closed with balance $balance after ${state.run} runs"
            balance += event.deposit
            applied++
            if (applied == EVENTS_PER_RUN) {
                Workflow.continueAsNew(AccountState(balance, state.run + 1, pending.toList()))
            }
        }
    }

    @Signal
    fun apply(event: AccountEvent) {
        pending.addLast(event)
    }

    companion object {
        /** Events a run applies before continuing as new. */
        const val EVENTS_PER_RUN: Int = 3
    }
}

/** Opens an account, signals [deposits] and a close, and returns the entity's final result. */
suspend fun runAccountEntity(client: Client, accountId: String, deposits: List<Int>, taskQueue: String = "accounts"): String =
    Worker(client, taskQueue, workflows = listOf(AccountEntityWorkflow::class)).start().use {
        val handle = client.startWorkflow(AccountEntityWorkflow::run, AccountState(), WorkflowOptions(id = accountId, taskQueue = taskQueue))
        // Signals reach the latest run of the id, whichever run that is by then.
        for (amount in deposits) handle.signal(AccountEntityWorkflow::apply, AccountEvent(deposit = amount))
        handle.signal(AccountEntityWorkflow::apply, AccountEvent(close = true))
        handle.result() // follows the chain of runs to the last one
    }

/**
 * A long-running entity with continue-as-new.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.entity.AccountEntitySampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("account")
        val result = runAccountEntity(client, id, listOf(10, 20, 30, 40, 50, 60, 70))
        println("Workflow $id (7 deposits, then close; continue-as-new every ${AccountEntityWorkflow.EVENTS_PER_RUN} events): $result")
    }
}
