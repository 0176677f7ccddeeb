@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.ActivationJob.DoUpdate
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.RespondToQuery
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import dev.temporalkt.worker.activation.WorkflowCommand.UpdateResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.seconds

@Workflow
class CartWorkflow {
    private val items = mutableListOf<String>()
    private var checkedOut = false

    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.waitCondition { checkedOut && Workflow.allHandlersFinished() }
        return items
    }

    @Signal
    fun checkout() {
        checkedOut = true
    }

    @Update
    suspend fun add(item: String): Int {
        if (item == "forbidden") throw ApplicationFailure("cannot add $item", type = "Forbidden")
        delay(1.seconds)
        items += item
        return items.size
    }

    @UpdateValidator("add")
    fun validateAdd(item: String) {
        require(item.isNotBlank()) { "item must not be blank" }
    }

    @Query
    fun items(): List<String> = items

    @Query
    fun charge(): String {
        Workflow.startActivity(PaymentActivities::charge, Order("o", 1), options = ActivityOptions(startToCloseTimeout = 1.seconds))
        return "charged"
    }

    @Query
    suspend fun slow(): String {
        delay(1.seconds)
        return "never"
    }
}

@Workflow
class LateHandlerWorkflow {
    private val received = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        delay(10.seconds)
        Workflow.setSignalHandler("late") { args -> received += "late:" + args.single().get<String>() }
        Workflow.setDynamicSignalHandler { name, args -> received += "$name:" + args.size }
        Workflow.waitCondition { received.size >= 4 }
        return received
    }
}

@Workflow
class SneakyValidatorWorkflow {
    @WorkflowRun
    suspend fun run() = Workflow.waitCondition { false }

    @Update
    fun set(value: Int) = value

    @UpdateValidator("set")
    fun validateSet(value: Int) {
        Workflow.upsertMemo(mapOf("value" to value))
    }
}

@Workflow
class RuntimeHandlersWorkflow {
    private var total = 0

    @WorkflowInit
    fun init() {
        Workflow.setQueryHandler("total") { total }
        Workflow.setUpdateHandler(
            "add",
            handler = { args -> total += args.single().get<Int>(); total },
            validator = { args -> require(args.single().get<Int>() > 0) { "only positive amounts" } },
        )
    }

    @WorkflowRun
    suspend fun run() {
        Workflow.waitCondition { total > 100 }
    }
}

class HandlersSpec : FunSpec({
    test("query and update handlers registered at runtime, with a validator") {
        val h = WorkflowHarness(RuntimeHandlersWorkflow::class)
        h.start() shouldBe emptyList()
        val commands = h.commands(DoUpdate("1", "p-1", "add", h.payloads(-1)), DoUpdate("2", "p-2", "add", h.payloads(5)))
        commands[0].shouldBeInstanceOf<UpdateResponse>().outcome.shouldBeInstanceOf<UpdateOutcome.Rejected>()
            .failure.message shouldBe "only positive amounts"
        commands.drop(1) shouldBe listOf(
            UpdateResponse("p-2", UpdateOutcome.Accepted),
            UpdateResponse("p-2", UpdateOutcome.Completed(h.payload<Any?>(5))),
        )
        h.commands(h.query("total")) shouldBe listOf(RespondToQuery("q1", QueryOutcome.Succeeded(h.payload<Any?>(5))))
    }

    test("an update validator that changes workflow state fails the workflow task") {
        val h = WorkflowHarness(SneakyValidatorWorkflow::class)
        h.start() shouldBe emptyList()
        h.failed(DoUpdate("1", "p-1", "set", h.payloads(3))).failure.message shouldBe
            "Workflow.upsertMemo cannot be used in an update validator: queries and update validators are read-only " +
            "and must not start timers, activities or child workflows, or change workflow state. Do this in the run " +
            "function or in a signal or update handler instead."
    }

    fun update(h: WorkflowHarness, id: String, item: String, runValidator: Boolean = true) = DoUpdate(
        id = id, protocolInstanceId = "p-$id", name = "add", input = h.payloads(item), runValidator = runValidator,
    )

    test("updates: validator rejects, handler accepts then completes, handler failure rejects after acceptance") {
        val h = WorkflowHarness(CartWorkflow::class)
        h.start() shouldBe emptyList()
        val commands = h.commands(update(h, "1", " "), update(h, "2", "apple"), update(h, "3", "forbidden"))
        commands shouldHaveSize 5
        val rejected = commands[0].shouldBeInstanceOf<UpdateResponse>()
        rejected.protocolInstanceId shouldBe "p-1"
        rejected.outcome.shouldBeInstanceOf<UpdateOutcome.Rejected>().failure.message shouldBe "item must not be blank"
        commands[1] shouldBe UpdateResponse("p-2", UpdateOutcome.Accepted)
        commands[2] shouldBe StartTimer(1, 1.seconds)
        commands[3] shouldBe UpdateResponse("p-3", UpdateOutcome.Accepted)
        val failed = commands[4].shouldBeInstanceOf<UpdateResponse>()
        failed.protocolInstanceId shouldBe "p-3"
        failed.outcome.shouldBeInstanceOf<UpdateOutcome.Rejected>().failure.applicationFailureInfo.type shouldBe "Forbidden"

        // On replay the validator is not run again.
        h.commands(ActivationJob.FireTimer(1), update(h, "4", " ", runValidator = false)) shouldBe listOf(
            UpdateResponse("p-4", UpdateOutcome.Accepted),
            StartTimer(2, 1.seconds),
            UpdateResponse("p-2", UpdateOutcome.Completed(h.payload(1))),
        )
        h.commands(h.query("items")) shouldBe listOf(RespondToQuery("q1", QueryOutcome.Succeeded(h.payload(listOf("apple")))))
        // Checkout waits for the running update handler before completing.
        h.commands(h.signal("checkout")) shouldBe emptyList()
        h.commands(ActivationJob.FireTimer(2)) shouldBe listOf(
            UpdateResponse("p-4", UpdateOutcome.Completed(h.payload(2))),
            CompleteWorkflowExecution(h.payload(listOf("apple", " "))),
        )
    }

    test("an update without a handler is rejected and names the known updates") {
        val h = WorkflowHarness(CartWorkflow::class)
        h.start()
        val response = h.commands(DoUpdate("9", "p-9", "remove", Payloads.getDefaultInstance())).single()
        response.shouldBeInstanceOf<UpdateResponse>().outcome.shouldBeInstanceOf<UpdateOutcome.Rejected>()
            .failure.message shouldBe "Workflow CartWorkflow has no handler for update 'remove'; known updates: [add]"
    }

    test("queries are read-only: starting an activity or suspending fails the query, not the workflow") {
        val h = WorkflowHarness(CartWorkflow::class)
        h.start()
        val charge = h.commands(h.query("charge", "q1")).single().shouldBeInstanceOf<RespondToQuery>()
        charge.outcome.shouldBeInstanceOf<QueryOutcome.Failed>().failure.message shouldBe
            "Workflow.startActivity cannot be used in a query handler: queries and update validators are read-only " +
            "and must not start timers, activities or child workflows, or change workflow state. Do this in the run " +
            "function or in a signal or update handler instead."
        val slow = h.commands(h.query("slow", "q2")).single().shouldBeInstanceOf<RespondToQuery>()
        slow.outcome.shouldBeInstanceOf<QueryOutcome.Failed>().failure.message shouldBe
            "delay/withTimeout cannot be used in a query handler: queries and update validators are read-only " +
            "and must not start timers, activities or child workflows, or change workflow state. Do this in the run " +
            "function or in a signal or update handler instead."
        val unknown = h.commands(h.query("nope", "q3")).single().shouldBeInstanceOf<RespondToQuery>()
        unknown.outcome.shouldBeInstanceOf<QueryOutcome.Failed>().failure.message shouldBe
            "Workflow CartWorkflow has no handler for query 'nope'; known queries: [charge, items, slow]"
        // The workflow is unaffected and still completes.
        h.commands(h.signal("checkout")) shouldBe listOf(CompleteWorkflowExecution(h.payload(emptyList<String>())))
    }

    test("signals without a handler are buffered and delivered in order once a handler is registered") {
        val h = WorkflowHarness(LateHandlerWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 10.seconds))
        h.commands(h.signal("late", h.payload("a")), h.signal("other", h.payload(1), h.payload(2))) shouldBe emptyList()
        h.commands(h.signal("late", h.payload("b")), ActivationJob.FireTimer(1)) shouldBe emptyList()
        h.commands(h.signal("another")) shouldBe listOf(
            CompleteWorkflowExecution(h.payload(listOf("late:a", "late:b", "other:2", "another:0"))),
        )
    }
})
