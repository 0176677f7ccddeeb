package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startUpdate
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@Workflow(name = "E2eApproval")
class ApprovalWorkflow {
    private var approver: String? = null
    private var status = "waiting for approval"

    @WorkflowRun
    suspend fun run(document: String): String {
        Workflow.waitCondition { approver != null }
        status = "approved by $approver"
        return "$document approved by $approver"
    }

    @Signal
    fun approve(name: String) {
        approver = name
    }

    @Query
    fun status(): String = status
}

@Workflow(name = "E2eCart")
class CartWorkflow {
    private val items = mutableListOf<String>()
    private var checkedOut = false

    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.waitCondition { checkedOut }
        return items.toList()
    }

    @Update
    fun addItem(item: String): Int {
        items += item
        return items.size
    }

    @UpdateValidator("addItem")
    fun validateAddItem(item: String) {
        require(item.isNotBlank()) { "an item name must not be blank" }
        require(item !in items) { "'$item' is already in the cart" }
    }

    @Signal
    fun checkout() {
        checkedOut = true
    }

    @Query
    fun items(): List<String> = items.toList()
}

class LedgerActivities {
    @Activity
    suspend fun record(entry: String): String = "recorded $entry"
}

@Workflow(name = "E2eAccount")
class AccountWorkflow {
    private val lock = Mutex()
    private var balance = 100
    private val ledger = mutableListOf<String>()
    private var closed = false

    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.waitCondition { closed && Workflow.allHandlersFinished() }
        return ledger + "balance $balance"
    }

    /** Reads the balance, suspends on an activity, then writes: only the lock keeps two withdrawals apart. */
    @Update
    suspend fun withdraw(amount: Int): Int = lock.withLock {
        val before = balance
        ledger += Workflow.executeActivity(
            LedgerActivities::record, "withdraw $amount from $before",
            options = ActivityOptions(startToCloseTimeout = 10.seconds),
        )
        if (before < amount) throw ApplicationFailure("balance $before is below $amount", type = "InsufficientFunds")
        balance = before - amount
        balance
    }

    @Signal
    fun close() {
        closed = true
    }
}

/** Deposits by signal (each recorded by an activity), withdrawals by a validated update. */
@Workflow(name = "E2eLedger")
class LedgerWorkflow {
    private var balance = 0
    private var closed = false

    @WorkflowRun
    suspend fun run(): Int {
        Workflow.waitCondition { closed && Workflow.allHandlersFinished() }
        return balance
    }

    @Signal
    suspend fun deposit(amount: Int) {
        Workflow.executeActivity(LedgerActivities::record, "deposit $amount", options = ActivityOptions(startToCloseTimeout = 10.seconds))
        balance += amount
    }

    @Update
    fun withdraw(amount: Int): Int {
        balance -= amount
        return balance
    }

    @UpdateValidator("withdraw")
    fun validateWithdraw(amount: Int) {
        check(amount >= 0) { "a negative withdrawal is a bug in the caller" }
        if (amount > balance) throw ApplicationFailure("balance $balance is below $amount", type = "InsufficientFunds")
    }

    @Query
    fun balance(): Int = balance

    @Signal
    fun close() {
        closed = true
    }
}

/** An update handler that fails with an [ApplicationFailure], or with a bug while [broken] (until the worker is "fixed"). */
@Workflow(name = "E2eRiskyUpdate")
class RiskyUpdateWorkflow {
    private var finished = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { finished && Workflow.allHandlersFinished() }
        return "finished"
    }

    @Update
    fun apply(change: String): String = when {
        change == "refused" -> throw ApplicationFailure("the change '$change' is refused", type = "Refused")
        change == "bug" && broken -> error("a bug in the update handler")
        else -> "applied $change"
    }

    @Signal
    fun finish() {
        finished = true
    }

    companion object {
        @Volatile
        var broken: Boolean = true
    }
}

@Workflow(name = "E2eTimedApproval")
class TimedApprovalWorkflow {
    private var approved = false

    @WorkflowRun
    suspend fun run(timeoutMillis: Long): String =
        if (Workflow.waitCondition(timeoutMillis.milliseconds) { approved }) "approved" else "timed_out"

    @Signal
    fun approve() {
        approved = true
    }
}

@Workflow(dynamic = true)
class AnyWorkflow {
    private val received = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(args: List<RawValue>): String {
        Workflow.waitCondition { "stop" in received }
        return "${Workflow.info().workflowType}(${args.joinToString { it.get<String>() }}) got $received"
    }

    @Signal(dynamic = true)
    fun anySignal(name: String, args: List<RawValue>) {
        received += if (args.isEmpty()) name else "$name=${args.joinToString { it.get<String>() }}"
    }

    @Query(dynamic = true)
    fun anyQuery(name: String, args: List<RawValue>): String = "$name(${args.joinToString { it.get<String>() }}): ${received.size}"
}

/**
 * The history [before] after [rejections] rejected updates: unchanged on the dev server, which drops the speculative
 * workflow task of a rejected update (a rejection leaves no trace); the time-skipping test server has no speculative
 * tasks and records a workflow task for each.
 */
private fun E2eRun.afterRejections(before: List<EventType>, rejections: Int): List<EventType> =
    if (!timeSkipping) {
        before
    } else {
        before + List(rejections) {
            listOf(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        }.flatten()
    }

/** Signals, queries and updates from the client, end to end on both servers, each history replayed afterwards. */
class MessagePassingSpec : FunSpec({
    val workflows = listOf(
        ApprovalWorkflow::class, CartWorkflow::class, AccountWorkflow::class, TimedApprovalWorkflow::class, AnyWorkflow::class,
        LedgerWorkflow::class, RiskyUpdateWorkflow::class,
    )

    for (server in e2eServers()) {
        test("${server.name}: an approval waits on a condition that a signal satisfies; a query reports the status") {
            server.withWorker(workflows) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eApproval", "contract.pdf", options = options("approval"))
                    handle.query<String>("status") shouldBe "waiting for approval"
                    handle.signal("approve", "Ada")
                    handle
                }
                handle.result() shouldBe "contract.pdf approved by Ada"
                handle.query<String>("status") shouldBe "approved by Ada"
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 1
                types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                replay(handle)
            }
        }

        test("${server.name}: a cart update returns its result; a rejected update fails the call and leaves no events") {
            server.withWorker(workflows) {
                val handle = userActs {
                    val handle = client.startWorkflow<List<String>>("E2eCart", options = options("cart"))
                    handle.executeUpdate<Int>("addItem", "apple") shouldBe 1
                    handle.executeUpdate<Int>("addItem", "pear") shouldBe 2
                    val accepted = eventTypes(handle)
                    accepted.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 2
                    accepted.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 2

                    val rejected = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<Int>("addItem", "apple") }
                    rejected.updateName shouldBe "addItem"
                    val cause = rejected.cause.shouldBeInstanceOf<ApplicationFailure>()
                    cause.message shouldContain "'apple' is already in the cart"
                    cause.type shouldBe "IllegalArgumentException"
                    eventTypes(handle) shouldBe afterRejections(accepted, 1)
                    shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<Int>("addItem", " ") }
                        .cause!!.message shouldContain "an item name must not be blank"

                    handle.query<List<String>>("items") shouldBe listOf("apple", "pear")
                    val eventsAfter = eventTypes(handle)
                    eventsAfter shouldNotContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED
                    eventsAfter shouldBe afterRejections(accepted, 2)
                    eventsAfter.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 2
                    eventsAfter.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 2
                    handle.signal("checkout")
                    handle
                }
                handle.result() shouldBe listOf("apple", "pear")
                replay(handle)
            }
        }

        test("${server.name}: after signals, activities and an accepted update, rejected updates leave the history exactly as it was") {
            server.withWorker(workflows, activities = listOf(LedgerActivities())) {
                val handle = userActs {
                    val handle = client.startWorkflow<Int>("E2eLedger", options = options("ledger"))
                    handle.signal("deposit", 50)
                    handle.signal("deposit", 30)
                    // the accepted update runs after both deposits' activities: the signals came first
                    withTimeout(20.seconds) { while (handle.query<Int>("balance") != 80) delay(50.milliseconds) }
                    handle.executeUpdate<Int>("withdraw", 20) shouldBe 60
                    val before = eventTypes(handle)
                    before.count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 2
                    before.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 1

                    // rejected by the validator with a failure of its own, then with an exception it throws
                    val tooMuch = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<Int>("withdraw", 1000) }
                    tooMuch.cause.shouldBeInstanceOf<ApplicationFailure>().type shouldBe "InsufficientFunds"
                    eventTypes(handle) shouldBe afterRejections(before, 1)
                    val negative = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<Int>("withdraw", -1) }
                    negative.cause.shouldBeInstanceOf<ApplicationFailure>().type shouldBe "IllegalStateException"
                    eventTypes(handle) shouldBe afterRejections(before, 2)

                    // the run goes on as if nothing happened
                    handle.executeUpdate<Int>("withdraw", 10) shouldBe 50
                    handle.signal("close")
                    handle
                }
                handle.result() shouldBe 50
                replay(handle)
            }
        }

        test("${server.name}: a Mutex keeps interleaved update handlers from withdrawing the same balance twice") {
            server.withWorker(workflows, activities = listOf(LedgerActivities())) {
                val handle = userActs {
                    val handle = client.startWorkflow<List<String>>("E2eAccount", options = options("account"))
                    val updates = (1..3).map { handle.startUpdate<Int>("withdraw", 40, waitForStage = WorkflowUpdateStage.ACCEPTED) }
                    val outcomes = coroutineScope {
                        updates.map { update ->
                            async { runCatching { update.result() } }
                        }.awaitAll()
                    }
                    outcomes.mapNotNull { it.getOrNull() }.sorted() shouldBe listOf(20, 60)
                    val failure = outcomes.single { it.isFailure }.exceptionOrNull().shouldBeInstanceOf<WorkflowUpdateFailedException>()
                    val cause = failure.cause.shouldBeInstanceOf<ApplicationFailure>()
                    cause.type shouldBe "InsufficientFunds"
                    cause.message shouldContain "balance 20 is below 40"
                    handle.signal("close")
                    handle
                }
                handle.result() shouldBe listOf(
                    "recorded withdraw 40 from 100",
                    "recorded withdraw 40 from 60",
                    "recorded withdraw 40 from 20",
                    "balance 20",
                )
                replay(handle)
            }
        }

        test("${server.name}: an ApplicationFailure from an update handler completes the accepted update with it; another exception fails the task") {
            server.withWorker(workflows) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eRiskyUpdate", options = options("risky"))
                    handle.executeUpdate<String>("apply", "colour") shouldBe "applied colour"

                    // accepted (the handler ran), then completed with the handler's failure; the run goes on
                    val refused = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<String>("apply", "refused") }
                    refused.updateName shouldBe "apply"
                    val cause = refused.cause.shouldBeInstanceOf<ApplicationFailure>()
                    cause.type shouldBe "Refused"
                    cause.message shouldBe "the change 'refused' is refused"
                    val events = events(handle)
                    events.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 2
                    val completed = events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED }
                        .map { it.workflowExecutionUpdateCompletedEventAttributes }
                    completed.map { it.meta.updateId } shouldBe listOf(
                        events.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED }
                            .workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.meta.updateId,
                        refused.updateId,
                    )
                    completed.last().outcome.failure.message shouldBe "the change 'refused' is refused"
                    completed.last().outcome.failure.applicationFailureInfo.type shouldBe "Refused"

                    // Any other exception fails the workflow task: nothing of that task is recorded, not even the
                    // acceptance, and the caller keeps waiting while the server retries the task.
                    RiskyUpdateWorkflow.broken = true
                    coroutineScope {
                        val waiting = async { handle.executeUpdate<String>("apply", "bug") }
                        val failed = awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                        failed.workflowTaskFailedEventAttributes.failure.message shouldContain "a bug in the update handler"
                        waiting.isActive shouldBe true
                        val types = eventTypes(handle)
                        types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 2
                        types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 2
                        // once the bug is fixed, a retry of the task handles the update and the caller gets its result
                        RiskyUpdateWorkflow.broken = false
                        waiting.await() shouldBe "applied bug"
                    }
                    handle.signal("finish")
                    handle
                }
                handle.result() shouldBe "finished"
                eventTypes(handle).count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 3
                replay(handle)
            }
        }

        // The embedded server skips the whole day; the dev server really waits, so it gets a short timeout.
        val timeout = if (server.timeSkipping) 1.days else 300.milliseconds
        test("${server.name}: waitCondition with a timeout returns false when the timer fires first") {
            server.withWorker(workflows) {
                val handle = client.startWorkflow<String>("E2eTimedApproval", timeout.inWholeMilliseconds, options = options("timed"))
                handle.result() shouldBe "timed_out"
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_TIMER_STARTED } shouldBe 1
                types.count { it == EventType.EVENT_TYPE_TIMER_FIRED } shouldBe 1
                replay(handle)
            }
        }

        test("${server.name}: waitCondition with a timeout returns true when a signal comes first and cancels its timer") {
            server.withWorker(workflows) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eTimedApproval", 1.days.inWholeMilliseconds, options = options("timed"))
                    awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_TIMER_STARTED }
                    handle.signal("approve")
                    handle
                }
                handle.result() shouldBe "approved"
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_TIMER_CANCELED } shouldBe 1
                types shouldNotContain EventType.EVENT_TYPE_TIMER_FIRED
                replay(handle)
            }
        }

        test("${server.name}: a dynamic workflow runs an unknown type, with dynamic signal and query handlers") {
            server.withWorker(workflows) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("NoSuchType", "a", "b", options = options("dynamic"))
                    handle.signal("colour", "green")
                    handle.query<String>("anything", "x") shouldBe "anything(x): 1"
                    handle.signal("stop")
                    handle
                }
                handle.result() shouldBe "NoSuchType(a, b) got [colour=green, stop]"
                replay(client.getWorkflowHandle<String>(handle.id))
            }
        }
    }
})
