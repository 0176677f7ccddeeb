@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.RetryState
import dev.temporalkt.worker.activation.ActivationJob.CancelWorkflow
import dev.temporalkt.worker.activation.ActivationJob.ResolveActivity
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.WorkflowCommand.CancelWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.RequestCancelActivity
import dev.temporalkt.worker.activation.WorkflowCommand.ScheduleActivity
import dev.temporalkt.worker.activation.WorkflowCommand.ScheduleLocalActivity
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import dev.temporalkt.worker.activation.WorkflowCommand.CancelTimer
import dev.temporalkt.worker.activation.ActivationJob.FireTimer
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

data class Order(val id: String, val amount: Int)

data class Receipt(val orderId: String, val charged: Int)

class PaymentActivities {
    @Activity
    suspend fun charge(order: Order): Receipt = error("runs on an activity worker")

    @Activity(name = "refund-v2")
    fun refund(receipt: Receipt, reason: String): Unit = error("runs on an activity worker")
}

private val quick = ActivityOptions(startToCloseTimeout = 30.seconds)

@Workflow
class ChargeWorkflow {
    @WorkflowRun
    suspend fun run(order: Order): String {
        val receipt = Workflow.executeActivity(
            PaymentActivities::charge, order,
            options = ActivityOptions(
                startToCloseTimeout = 30.seconds,
                scheduleToStartTimeout = 1.minutes,
                heartbeatTimeout = 5.seconds,
                taskQueue = "payments",
                retryPolicy = RetryPolicy(maximumAttempts = 3),
                activityId = "charge-${order.id}",
                summary = "charge the card",
            ),
        )
        return try {
            Workflow.executeActivity(PaymentActivities::refund, receipt, "duplicate", options = quick)
            "refunded ${receipt.charged}"
        } catch (e: ActivityFailure) {
            "refund of ${receipt.charged} failed: ${(e.cause as ApplicationFailure).type} (${e.activityType})"
        }
    }
}

@Workflow
class NoTimeoutWorkflow {
    @WorkflowRun
    suspend fun run(): Receipt = Workflow.executeActivity(PaymentActivities::charge, Order("o", 1), options = ActivityOptions())
}

@Workflow
class CancelActivityWorkflow {
    @WorkflowRun
    suspend fun run(): Receipt = Workflow.executeActivity(
        PaymentActivities::charge, Order("o", 1),
        options = quick.copy(cancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED),
    )
}

@Workflow
class ByNameWorkflow {
    @WorkflowRun
    suspend fun run(): Int = coroutineScopeSum()

    private suspend fun coroutineScopeSum(): Int {
        val first = Workflow.startActivity<Int>("sum", kotlin.reflect.typeOf<Int>(), 1, 2, options = quick)
        val second: Int = Workflow.executeActivity("sum", 3, 4, options = quick)
        return first.await() + second
    }
}

@Workflow
class LocalActivityWorkflow {
    @WorkflowRun
    suspend fun run(): Int = Workflow.executeLocalActivity<Int>(
        "rate", "EUR",
        options = LocalActivityOptions(startToCloseTimeout = 2.seconds, localRetryThreshold = 10.seconds),
    )
}

@Workflow
class CancelDuringBackoffWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val handle = Workflow.startLocalActivity<Int>("rate", kotlin.reflect.typeOf<Int>(), options = LocalActivityOptions(startToCloseTimeout = 2.seconds))
        Workflow.waitCondition { cancel }
        handle.cancel()
        return try {
            handle.await().toString()
        } catch (e: ActivityFailure) {
            "${e.message} / ${e.cause!!::class.simpleName}"
        }
    }

    private var cancel = false

    @Signal
    fun cancel() {
        cancel = true
    }
}

@Workflow
class ExplicitCancelWorkflow {
    private var stop = false

    @WorkflowRun
    suspend fun run(): String {
        val handle = Workflow.startActivity(PaymentActivities::charge, Order("o", 1), options = quick)
        Workflow.waitCondition { stop }
        handle.cancel()
        handle.cancel()
        return try {
            handle.await().toString()
        } catch (e: ActivityFailure) {
            "${e.activityType} ${e.cause!!::class.simpleName}"
        }
    }

    @Signal
    fun stop() {
        stop = true
    }
}

class ActivitySpec : FunSpec({
    test("ActivityHandle.cancel requests cancellation once; await throws the cancelled resolution") {
        val h = WorkflowHarness(ExplicitCancelWorkflow::class)
        h.start().single().shouldBeInstanceOf<ScheduleActivity>()
        h.commands(h.signal("stop")) shouldBe listOf(RequestCancelActivity(1))
        val cancelled = h.failureConverter.toFailure(
            ActivityFailure("cancelled", 5, 6, "w", "charge", "1", RetryState.CANCEL_REQUESTED, CanceledFailure("cancelled")),
            h.payloadConverter,
        )
        h.commands(ResolveActivity(1, ActivityResolution.Cancelled(cancelled))) shouldBe
            listOf(CompleteWorkflowExecution(h.payload("charge CanceledFailure")))
    }

    test("local activities: scheduled at once, retried after a backoff on a durable timer, result decoded") {
        val h = WorkflowHarness(LocalActivityWorkflow::class)
        h.start() shouldBe listOf(
            ScheduleLocalActivity(
                seq = 1, activityId = "1", activityType = "rate", arguments = h.payloads("EUR"),
                startToClose = 2.seconds, localRetryThreshold = 10.seconds,
                cancellationType = ActivityCancellationType.TRY_CANCEL,
            ),
        )
        val firstScheduled = java.time.Instant.parse("2026-01-01T00:00:00Z")
        h.commands(ResolveActivity(1, ActivityResolution.Backoff(3, 1.minutes, firstScheduled), isLocal = true)) shouldBe
            listOf(StartTimer(1, 1.minutes))
        h.commands(FireTimer(1)) shouldBe listOf(
            ScheduleLocalActivity(
                seq = 2, activityId = "1", activityType = "rate", arguments = h.payloads("EUR"), attempt = 3,
                originalScheduleTime = firstScheduled, startToClose = 2.seconds, localRetryThreshold = 10.seconds,
                cancellationType = ActivityCancellationType.TRY_CANCEL,
            ),
        )
        h.commands(ResolveActivity(2, ActivityResolution.Completed(h.payload(42)), isLocal = true)) shouldBe
            listOf(CompleteWorkflowExecution(h.payload(42)))
    }

    test("cancelling a local activity waiting out a backoff cancels the timer and fails the await at once") {
        val h = WorkflowHarness(CancelDuringBackoffWorkflow::class)
        h.start().single().shouldBeInstanceOf<ScheduleLocalActivity>().seq shouldBe 1
        h.commands(ResolveActivity(1, ActivityResolution.Backoff(2, 5.minutes, null), isLocal = true)) shouldBe
            listOf(StartTimer(1, 5.minutes))
        h.commands(h.signal("cancel")) shouldBe listOf(
            CancelTimer(1),
            CompleteWorkflowExecution(h.payload("Local activity cancelled while waiting to retry / CanceledFailure")),
        )
    }

    val order = Order("o-1", 250)

    test("executeActivity by reference schedules with every option and decodes the declared result type") {
        val h = WorkflowHarness(ChargeWorkflow::class, listOf(order), listOf(kotlin.reflect.typeOf<Order>()))
        h.start() shouldBe listOf(
            ScheduleActivity(
                seq = 1,
                activityId = "charge-o-1",
                activityType = "charge",
                taskQueue = "payments",
                arguments = h.payloads(order),
                startToClose = 30.seconds,
                scheduleToStart = 1.minutes,
                heartbeat = 5.seconds,
                retryPolicy = RetryPolicy(maximumAttempts = 3).toProto(),
                summary = h.payload("charge the card"),
            ),
        )
        val receipt = Receipt("o-1", 250)
        h.commands(ResolveActivity(1, ActivityResolution.Completed(h.payload(receipt)))) shouldBe listOf(
            ScheduleActivity(
                seq = 2,
                activityId = "2",
                activityType = "refund-v2",
                taskQueue = "tq",
                arguments = Payloads.newBuilder().addPayloads(h.payload(receipt)).addPayloads(h.payload("duplicate")).build(),
                startToClose = 30.seconds,
            ),
        )
        val failure = h.failureConverter.toFailure(
            ActivityFailure(
                "activity failed", 7, 8, "worker-1", "refund-v2", "2", RetryState.NON_RETRYABLE_FAILURE,
                ApplicationFailure.nonRetryable("already refunded", "RefundDenied"),
            ),
            h.payloadConverter,
        )
        h.commands(ResolveActivity(2, ActivityResolution.Failed(failure))) shouldBe listOf(
            CompleteWorkflowExecution(h.payload("refund of 250 failed: RefundDenied (refund-v2)")),
        )
    }

    test("an activity without start-to-close or schedule-to-close timeout fails the task with the fix") {
        val h = WorkflowHarness(NoTimeoutWorkflow::class)
        h.failed(h.initialize).failure.message shouldBe
            "Activity 'charge': start-to-close or schedule-to-close timeout is required; set " +
            "ActivityOptions(startToCloseTimeout = ...) or ActivityOptions(scheduleToCloseTimeout = ...)"
    }

    test("cancelling the workflow requests activity cancellation and waits for the cancelled resolution") {
        val h = WorkflowHarness(CancelActivityWorkflow::class)
        h.start().single() shouldBe ScheduleActivity(
            seq = 1, activityId = "1", activityType = "charge", taskQueue = "tq",
            arguments = h.payloads(Order("o", 1)), startToClose = 30.seconds,
            cancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        )
        h.commands(CancelWorkflow("stop")) shouldBe listOf(RequestCancelActivity(1))
        val cancelled = h.failureConverter.toFailure(
            ActivityFailure(
                "activity cancelled", 5, 6, "worker-1", "charge", "1", RetryState.CANCEL_REQUESTED,
                CanceledFailure("cancelled"),
            ),
            h.payloadConverter,
        )
        h.commands(ResolveActivity(1, ActivityResolution.Cancelled(cancelled))) shouldBe listOf(CancelWorkflowExecution)
    }

    test("activities by name encode arguments by their runtime class and decode the requested type") {
        val h = WorkflowHarness(ByNameWorkflow::class)
        val schedules = h.start()
        schedules.map { (it as ScheduleActivity).activityType to it.arguments.payloadsList.map { p -> p.data.toStringUtf8() } } shouldBe
            listOf("sum" to listOf("1", "2"), "sum" to listOf("3", "4"))
        h.commands(ResolveActivity(2, ActivityResolution.Completed(h.payload(7)))) shouldBe emptyList()
        h.commands(ResolveActivity(1, ActivityResolution.Completed(h.payload(3)))) shouldBe
            listOf(CompleteWorkflowExecution(h.payload(10)))
    }
})
