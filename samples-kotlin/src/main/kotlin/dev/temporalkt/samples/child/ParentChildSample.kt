package dev.temporalkt.samples.child

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.seconds

/** Ships one package of an order. */
@Workflow
class ShipPackageWorkflow {
    @WorkflowRun
    suspend fun run(item: String): String = "shipped $item"
}

/** Keeps an order's return window open for a while; it outlives the order workflow that started it. */
@Workflow
class ReturnWindowWorkflow {
    @WorkflowRun
    suspend fun run(orderId: String, windowSeconds: Long): String {
        Workflow.sleep(windowSeconds.seconds, summary = "return window")
        return "return window of $orderId closed"
    }
}

/**
 * An order: one child workflow per package, awaited (with the default parent close policy, `TERMINATE`, a child still
 * running when the parent closes would be terminated), and one return-window child started with
 * [ParentClosePolicy.ABANDON], which keeps running after the order completes.
 */
@Workflow
class OrderWorkflow {
    @WorkflowRun
    suspend fun run(orderId: String, items: List<String>, returnWindowSeconds: Long): List<String> {
        val shipped = items.map { item ->
            Workflow.executeChildWorkflow(
                ShipPackageWorkflow::run, item,
                options = ChildWorkflowOptions(workflowId = "$orderId-ship-$item"),
            )
        }
        Workflow.startChildWorkflow(
            ReturnWindowWorkflow::run, orderId, returnWindowSeconds,
            options = ChildWorkflowOptions(workflowId = "$orderId-returns", parentClosePolicy = ParentClosePolicy.ABANDON),
        )
        return shipped
    }
}

/** What the sample observed: the parent's result, and the abandoned child's result, status and whether it closed last. */
data class OrderOutcome(
    val shipped: List<String>,
    val returnWindowResult: String,
    val returnWindowStatus: WorkflowExecutionStatus,
    val returnWindowClosedAfterOrder: Boolean,
)

/** Runs an order, then waits for its abandoned return-window child, which completes after the order did. */
suspend fun runOrder(
    client: Client,
    orderId: String,
    items: List<String>,
    returnWindowSeconds: Long = 30.days.inWholeSeconds,
    taskQueue: String = "orders",
): OrderOutcome =
    Worker(client, taskQueue, workflows = listOf(OrderWorkflow::class, ShipPackageWorkflow::class, ReturnWindowWorkflow::class)).start().use {
        val order = client.startWorkflow(OrderWorkflow::run, orderId, items, returnWindowSeconds, WorkflowOptions(id = orderId, taskQueue = taskQueue))
        val shipped = order.result()
        val returns = client.getWorkflowHandle<String>("$orderId-returns")
        val result = returns.result()
        val returnsDescription = returns.describe()
        OrderOutcome(shipped, result, returnsDescription.status, returnsDescription.closeTime!! > order.describe().closeTime!!)
    }

/**
 * Parent and child workflows, with a parent close policy.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.child.ParentChildSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("order")
        val outcome = runOrder(client, id, listOf("book", "lamp"), returnWindowSeconds = if (SampleServer.skipsTime) 30.days.inWholeSeconds else 5)
        println("Workflow $id returned ${outcome.shipped} (each from a child workflow)")
        println("Its child $id-returns (ParentClosePolicy.ABANDON) kept running after the order completed, and ended " +
            "${outcome.returnWindowStatus} (closed after the order: ${outcome.returnWindowClosedAfterOrder}): '${outcome.returnWindowResult}'")
    }
}
