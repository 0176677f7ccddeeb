package dev.temporalkt.java.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.activity.activityContext
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import java.util.concurrent.BlockingQueue
import kotlin.time.Duration.Companion.minutes

// Kotlin workflows the Java client's end-to-end tests run (until Java workflows run on a Java worker). Their payload
// types are the Java records Order and OrderRequest; their names match the Java interfaces OrderWorkflow and
// CountdownWorkflow, which the Java tests reference.

/** Collects order lines until approved, and returns them. */
@Workflow(name = "JavaOrders")
class OrdersWorkflowImpl {
    private val items = mutableListOf<Order>()
    private var customer = ""
    private var approvedBy: String? = null

    @WorkflowRun
    suspend fun run(request: OrderRequest): List<Order> {
        customer = request.customer()
        items.addAll(0, request.items())
        Workflow.waitCondition { approvedBy != null }
        return items.toList()
    }

    @Signal
    fun approve(by: String) {
        approvedBy = by
    }

    @Query
    fun status(): String = approvedBy?.let { "approved by $it" } ?: "waiting: $customer has ${items.size} item(s)"

    /** The `tenant` header the workflow was started with (set by a client interceptor), or `none`. */
    @Query(name = "tenant")
    fun tenantHeader(): String = Workflow.info().headers["tenant"]?.get<String>() ?: "none"

    @Update
    fun addItem(item: Order): Int {
        items += item
        return items.size
    }

    @UpdateValidator("addItem")
    fun validateAddItem(item: Order) {
        require(item.quantity() > 0) { "the quantity of ${item.sku()} must be positive, was ${item.quantity()}" }
    }
}

/** Continues as new [remaining] times, then returns. */
@Workflow(name = "JavaCountdown")
class CountdownWorkflowImpl {
    @WorkflowRun
    suspend fun run(remaining: Int): String {
        if (remaining > 0) Workflow.continueAsNew(remaining - 1)
        return "liftoff"
    }
}

/** Waits until cancelled or terminated. */
@Workflow(name = "JavaWaiting")
class WaitingWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { false }
        return "never"
    }
}

/** Fails with an application failure naming the order. */
@Workflow(name = "JavaFailing")
class FailingWorkflow {
    @WorkflowRun
    suspend fun run(order: Order): String =
        throw ApplicationFailure.nonRetryable("order ${order.sku()} rejected", "OrderRejected", order.quantity())
}

/** Charges an order with an activity that another process completes. */
@Workflow(name = "JavaAsyncCharge")
class AsyncChargeWorkflow {
    @WorkflowRun
    suspend fun run(orderId: String): String = Workflow.executeActivity(
        ChargeActivities::charge, orderId,
        options = ActivityOptions(startToCloseTimeout = 5.minutes, retryPolicy = RetryPolicy(maximumAttempts = 1)),
    )
}

/** An activity that hands its info to the test and completes asynchronously. */
class ChargeActivities(private val started: BlockingQueue<ActivityInfo>) {
    @Activity
    suspend fun charge(orderId: String): String {
        val context = activityContext()
        started.put(context.info)
        context.completeAsynchronously()
    }
}
