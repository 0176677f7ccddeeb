package dev.temporalkt.samples.cart

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeUpdate
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking

/**
 * A shopping cart: items are added by updates (the caller gets the new item count back), a validator rejects bad
 * items before they reach the history, and a checkout signal ends the run with the cart's content.
 */
@Workflow
class ShoppingCartWorkflow {
    private val items = mutableListOf<String>()
    private var checkedOut = false

    @WorkflowRun
    suspend fun run(customer: String): String {
        Workflow.waitCondition { checkedOut && Workflow.allHandlersFinished() }
        return "$customer bought ${items.joinToString()}"
    }

    @Update
    fun addItem(item: String): Int {
        items += item
        return items.size
    }

    /** Runs before [addItem]; what it throws rejects the update, and nothing is written to the history. */
    @UpdateValidator("addItem")
    fun validateAddItem(item: String) {
        require(!checkedOut) { "the cart is checked out" }
        require(item.isNotBlank()) { "an item name must not be blank" }
        require(item !in items) { "'$item' is already in the cart" }
    }

    /** A signal: the caller does not wait for the run to act on it, and the run then completes. */
    @Signal
    fun checkout() {
        checkedOut = true
    }
}

/** What the cart sample observed: the answers of the updates, the rejections, and the result. */
data class CartOutcome(val counts: List<Int>, val rejections: List<String>, val result: String)

/** Adds [items] (rejected ones are collected with their reason), checks out, and returns what happened. */
suspend fun runShoppingCart(client: Client, items: List<String>, workflowId: String, taskQueue: String = "cart"): CartOutcome =
    Worker(client, taskQueue, workflows = listOf(ShoppingCartWorkflow::class)).start().use {
        val handle = client.startWorkflow(ShoppingCartWorkflow::run, "ada", WorkflowOptions(id = workflowId, taskQueue = taskQueue))
        val counts = mutableListOf<Int>()
        val rejections = mutableListOf<String>()
        for (item in items) {
            try {
                counts += handle.executeUpdate(ShoppingCartWorkflow::addItem, item)
            } catch (e: WorkflowUpdateFailedException) {
                rejections += "'$item': ${e.cause?.message}"
            }
        }
        handle.signal(ShoppingCartWorkflow::checkout)
        CartOutcome(counts, rejections, handle.result())
    }

/**
 * Shopping cart: updates with validators.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.cart.ShoppingCartSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run(skipTime = false) { client ->
        val id = SampleServer.uniqueId("cart")
        val outcome = runShoppingCart(client, listOf("apple", "pear", "apple", " ", "plum"), id)
        println("Workflow $id: item counts after each accepted update ${outcome.counts}")
        outcome.rejections.forEach { println("  rejected $it") }
        println("Result: ${outcome.result}")
    }
}
