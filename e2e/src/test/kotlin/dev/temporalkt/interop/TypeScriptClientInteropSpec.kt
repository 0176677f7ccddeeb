package dev.temporalkt.interop

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.testing.interop.TypeScriptClient
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

data class InteropOrder(val id: String, val quantity: Int, val tags: List<String>)

data class InteropReceipt(val orderId: String, val total: Int, val tags: List<String>)

class PricingActivities {
    @Activity
    fun price(order: InteropOrder, unitPrice: Int): InteropReceipt =
        InteropReceipt(order.id, order.quantity * unitPrice, order.tags.sorted())

    @Activity
    fun reserve(order: InteropOrder): String = try {
        check(order.quantity <= 5) { "only 5 left, ${order.quantity} requested" }
        "reserved"
    } catch (e: IllegalStateException) {
        throw ApplicationFailure("cannot reserve ${order.id}", type = "OutOfStock", nonRetryable = true, cause = e)
    }
}

@Workflow(name = "KotlinOrder")
class KotlinOrderWorkflow {
    @WorkflowRun
    suspend fun run(order: InteropOrder, unitPrice: Int): InteropReceipt =
        Workflow.executeActivity(PricingActivities::price, order, unitPrice, options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

@Workflow(name = "KotlinRefusal")
class KotlinRefusalWorkflow {
    @WorkflowRun
    suspend fun run(order: InteropOrder): String = throw ApplicationFailure(
        "order ${order.id} refused",
        type = "OrderRefused",
        nonRetryable = true,
        details = FailureDetails.of(RefusalDetail(7, "sold out"), "call back tomorrow"),
    )
}

@Workflow(name = "KotlinReservation")
class KotlinReservationWorkflow {
    @WorkflowRun
    suspend fun run(order: InteropOrder): String =
        Workflow.executeActivity(PricingActivities::reserve, order, options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

data class CartItem(val sku: String, val quantity: Int)

data class CartTotal(val customer: String, val items: List<CartItem>, val discountPercent: Int)

@Workflow(name = "KotlinCart")
class KotlinCartWorkflow {
    private val items = mutableListOf<CartItem>()
    private var discountPercent = 0
    private var checkedOut = false

    @WorkflowRun
    suspend fun run(customer: String): CartTotal {
        Workflow.waitCondition { checkedOut }
        return CartTotal(customer, items.toList(), discountPercent)
    }

    @Signal
    fun addItem(item: CartItem) {
        items += item
    }

    @Signal
    fun checkout() {
        checkedOut = true
    }

    @Query
    fun items(): List<CartItem> = items.toList()

    @Update
    fun setDiscount(percent: Int): Int = discountPercent.also { discountPercent = percent }

    @UpdateValidator("setDiscount")
    fun validateDiscount(percent: Int) {
        require(percent in 0..50) { "discount must be between 0 and 50, was $percent" }
    }
}

private fun json(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

/**
 * The TypeScript SDK's client (`@temporalio/client`, test resources `interop/ts`) against a Kotlin worker: it starts
 * Kotlin workflows, reads their results and decodes their failures.
 */
class TypeScriptClientInteropSpec : FunSpec({
    for (server in interopServers()) {
        suspend fun withKotlinWorker(block: suspend (Client, String) -> Unit) {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
            val taskQueue = "kt-interop-${UUID.randomUUID()}"
            client.connection.use {
                Worker(
                    client,
                    taskQueue,
                    workflows = listOf(
                        KotlinOrderWorkflow::class,
                        KotlinRefusalWorkflow::class,
                        KotlinReservationWorkflow::class,
                        KotlinCartWorkflow::class,
                    ),
                    activities = listOf(PricingActivities()),
                ).start().use { block(client, taskQueue) }
            }
        }

        fun runFromTypeScript(taskQueue: String, workflowType: String, workflowId: String, argsJson: String, stepsJson: String = "[]"): JsonObject =
            TypeScriptClient.execute(server.target, server.namespace, taskQueue, workflowType, workflowId, argsJson, stepsJson)

        test("${server.name}: a TypeScript client signals, queries and updates a Kotlin workflow") {
            withKotlinWorker { client, taskQueue ->
                val workflowId = "kt-cart-${UUID.randomUUID()}"
                val steps = """[
                    {"signal":"addItem","args":[{"sku":"apple","quantity":2}]},
                    {"signal":"addItem","args":[{"sku":"pear","quantity":1}]},
                    {"query":"items"},
                    {"update":"setDiscount","args":[10]},
                    {"update":"setDiscount","args":[80]},
                    {"signal":"checkout"}
                ]"""
                val outcome = runFromTypeScript(taskQueue, "KotlinCart", workflowId, """["ada"]""", steps)
                outcome["status"] shouldBe Json.parseToJsonElement("\"completed\"")
                outcome["result"] shouldBe json("""{"customer":"ada","items":[{"sku":"apple","quantity":2},{"sku":"pear","quantity":1}],"discountPercent":10}""")
                val played = outcome.getValue("steps").jsonArray.map { it.jsonObject }
                played[2]["result"] shouldBe Json.parseToJsonElement("""[{"sku":"apple","quantity":2},{"sku":"pear","quantity":1}]""")
                played[3]["result"] shouldBe Json.parseToJsonElement("0")
                // The validator's IllegalArgumentException reaches TypeScript as an ApplicationFailure named after it.
                val rejected = played[4].getValue("error").jsonObject
                rejected["name"] shouldBe Json.parseToJsonElement("\"WorkflowUpdateFailedError\"")
                rejected.getValue("cause").jsonObject shouldBe json(
                    """{"name":"ApplicationFailure","message":"discount must be between 0 and 50, was 80",
                       "type":"IllegalArgumentException","nonRetryable":false,"details":[],"cause":null}""",
                )

                val events = client.getWorkflowHandle<CartTotal>(workflowId).fetchHistory().events
                val signals = events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                    .map { it.workflowExecutionSignaledEventAttributes }
                signals.map { it.signalName } shouldBe listOf("addItem", "addItem", "checkout")
                val item = signals[0].input.payloadsList.single()
                item.metadataMap["encoding"]?.toStringUtf8() shouldBe "json/plain"
                item.data.toStringUtf8() shouldBe """{"sku":"apple","quantity":2}"""
                events.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 1
            }
        }

        test("${server.name}: a TypeScript client cancels a Kotlin workflow and sees a CancelledFailure") {
            withKotlinWorker { client, taskQueue ->
                val workflowId = "kt-cancel-${UUID.randomUUID()}"
                val steps = """[{"cancel":true}]"""
                val outcome = runFromTypeScript(taskQueue, "KotlinCart", workflowId, """["bob"]""", steps)
                outcome["status"] shouldBe Json.parseToJsonElement("\"failed\"")
                val error = outcome.getValue("error").jsonObject
                error["name"] shouldBe Json.parseToJsonElement("\"WorkflowFailedError\"")
                error.getValue("cause").jsonObject["name"] shouldBe Json.parseToJsonElement("\"CancelledFailure\"")
                client.getWorkflowHandle<CartTotal>(workflowId).fetchHistory().events.last().eventType shouldBe
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
            }
        }

        test("${server.name}: a TypeScript client starts a Kotlin workflow and reads its result") {
            withKotlinWorker { client, taskQueue ->
                val workflowId = "kt-order-${UUID.randomUUID()}"
                val outcome = runFromTypeScript(taskQueue, "KotlinOrder", workflowId, """[{"id":"o-1","quantity":3,"tags":["b","a"]},4]""")
                outcome["status"] shouldBe Json.parseToJsonElement("\"completed\"")
                outcome["result"] shouldBe json("""{"orderId":"o-1","total":12,"tags":["a","b"]}""")

                val events = client.getWorkflowHandle<InteropReceipt>(workflowId).fetchHistory().events
                val input = events.first().workflowExecutionStartedEventAttributes.input.payloadsList
                input.map { it.metadataMap["encoding"]?.toStringUtf8() } shouldBe listOf("json/plain", "json/plain")
                input.map { it.data.toStringUtf8() } shouldBe listOf("""{"id":"o-1","quantity":3,"tags":["b","a"]}""", "4")
                val result = events.last().also { it.eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED }
                    .workflowExecutionCompletedEventAttributes.result.payloadsList.single()
                result.metadataMap["encoding"]?.toStringUtf8() shouldBe "json/plain"
                result.data.toStringUtf8() shouldBe """{"orderId":"o-1","total":12,"tags":["a","b"]}"""
                client.getWorkflowHandle<InteropReceipt>(workflowId).result() shouldBe InteropReceipt("o-1", 12, listOf("a", "b"))
            }
        }

        test("${server.name}: a Kotlin ApplicationFailure reaches the TypeScript client with its type, message, details and non-retryable flag") {
            withKotlinWorker { _, taskQueue ->
                val outcome = runFromTypeScript(taskQueue, "KotlinRefusal", "kt-refusal-${UUID.randomUUID()}", """[{"id":"o-2","quantity":1,"tags":[]}]""")
                outcome["status"] shouldBe Json.parseToJsonElement("\"failed\"")
                val error = outcome.getValue("error").jsonObject
                error["name"] shouldBe Json.parseToJsonElement("\"WorkflowFailedError\"")
                error.getValue("cause").jsonObject.filterKeys { it != "cause" } shouldBe json(
                    """{"name":"ApplicationFailure","message":"order o-2 refused","type":"OrderRefused","nonRetryable":true,
                       "details":[{"code":7,"reason":"sold out"},"call back tomorrow"]}""",
                )
            }
        }

        test("${server.name}: a Kotlin activity failure reaches the TypeScript client as ActivityFailure with the cause chain") {
            withKotlinWorker { _, taskQueue ->
                val outcome = runFromTypeScript(taskQueue, "KotlinReservation", "kt-reserve-${UUID.randomUUID()}", """[{"id":"o-3","quantity":9,"tags":[]}]""")
                val error = outcome.getValue("error").jsonObject
                error["name"] shouldBe Json.parseToJsonElement("\"WorkflowFailedError\"")
                val activity = error.getValue("cause").jsonObject
                activity["name"] shouldBe Json.parseToJsonElement("\"ActivityFailure\"")
                activity["activityType"] shouldBe Json.parseToJsonElement("\"reserve\"")
                val application = activity.getValue("cause").jsonObject
                application.filterKeys { it != "cause" } shouldBe json(
                    """{"name":"ApplicationFailure","message":"cannot reserve o-3","type":"OutOfStock","nonRetryable":true,"details":[]}""",
                )
                application.getValue("cause").jsonObject shouldBe json(
                    """{"name":"ApplicationFailure","message":"only 5 left, 9 requested","type":"IllegalStateException",
                       "nonRetryable":false,"details":[],"cause":null}""",
                )
            }
        }
    }
})
