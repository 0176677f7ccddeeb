package dev.temporalkt.interop

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.RetryState
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.GenericFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.testing.interop.TypeScriptWorker
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

data class GreetingRequest(val greeting: String, val limit: Int)

data class GreetingSummary(val text: String, val count: Int, val names: List<String>)

data class RefusalDetail(val code: Int, val reason: String)

/** A Kotlin workflow that runs the TypeScript worker's activities on its task queue and reports what came back. */
@Workflow(name = "KotlinCallsTypeScript")
class KotlinCallsTypeScriptWorkflow {
    @WorkflowRun
    suspend fun run(typeScriptQueue: String, names: List<String>): List<String> {
        val options = ActivityOptions(
            startToCloseTimeout = 10.seconds,
            taskQueue = typeScriptQueue,
            retryPolicy = RetryPolicy(maximumAttempts = 1),
        )
        val text = Workflow.executeActivity<String>("compose", "Hey", names, "?", options = options)
        val failure = try {
            Workflow.executeActivity<String>("breakDown", names.first(), options = options)
            "no failure"
        } catch (e: ActivityFailure) {
            val application = e.cause as ApplicationFailure
            "${e.activityType} -> ${application.type}: ${application.message} [${application.details<String>(0)}] -> " +
                "${application.cause?.javaClass?.simpleName}: ${application.cause?.message}"
        }
        return listOf(text, failure)
    }
}

private fun Payload.json(): String = data.toStringUtf8()

private fun Payload.encoding(): String? = metadataMap["encoding"]?.toStringUtf8()

/**
 * The Kotlin client against a TypeScript SDK worker (`@temporalio/worker`, test resources `interop/ts`): payloads,
 * signals, queries, updates, results, cancellation and failures cross the SDK boundary unchanged.
 */
class TypeScriptWorkerInteropSpec : FunSpec({
    // Registered before the servers' own callbacks, so the workers stop polling before a server shuts down.
    val started = mutableListOf<TypeScriptWorker>()
    afterSpec { started.forEach { it.close() } }
    for (server in interopServers()) {
        val worker = lazy {
            TypeScriptWorker.start(server.target, server.namespace, "ts-interop-${UUID.randomUUID()}").also { started += it }
        }

        suspend fun withClient(block: suspend (Client, WorkflowOptions) -> Unit) {
            val taskQueue = worker.value.taskQueue
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
            client.connection.use { block(client, WorkflowOptions(id = "ts-interop-${UUID.randomUUID()}", taskQueue = taskQueue)) }
        }

        test("${server.name}: a TypeScript workflow runs an activity of a Kotlin worker, and a Kotlin workflow activities of the TypeScript worker") {
            withClient { client, options ->
                val kotlinQueue = "kt-activities-${UUID.randomUUID()}"
                Worker(
                    client,
                    kotlinQueue,
                    workflows = listOf(KotlinCallsTypeScriptWorkflow::class),
                    activities = listOf(PricingActivities()),
                ).start().use {
                    val priced = client.startWorkflow<InteropReceipt>(
                        "priceElsewhere", kotlinQueue, InteropOrder("o-9", 3, listOf("z", "y")), 7, options = options,
                    )
                    priced.result() shouldBe InteropReceipt("o-9", 21, listOf("y", "z"))
                    val events = priced.fetchHistory().events
                    val scheduled = events.single { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED }
                        .activityTaskScheduledEventAttributes
                    scheduled.activityType.name shouldBe "price"
                    scheduled.taskQueue.name shouldBe kotlinQueue
                    // Encoded by the TypeScript workflow, decoded by the Kotlin activity, and the other way round.
                    scheduled.input.payloadsList.map { it.json() } shouldBe listOf("""{"id":"o-9","quantity":3,"tags":["z","y"]}""", "7")
                    val completed = events.single { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED }
                        .activityTaskCompletedEventAttributes.result.payloadsList.single()
                    completed.encoding() shouldBe "json/plain"
                    completed.json() shouldBe """{"orderId":"o-9","total":21,"tags":["y","z"]}"""

                    val composed = client.startWorkflow<List<String>>(
                        "KotlinCallsTypeScript", worker.value.taskQueue, listOf("Ada", "Alan"),
                        options = WorkflowOptions(id = "kt-calls-ts-${UUID.randomUUID()}", taskQueue = kotlinQueue),
                    )
                    composed.result() shouldBe listOf(
                        "Hey, Ada and Alan?",
                        "breakDown -> ProcessingError: cannot process Ada [Ada] -> GenericFailure: Ada is out of range",
                    )
                }
            }
        }

        test("${server.name}: a TypeScript workflow is started, signalled, queried and updated from Kotlin and returns its result") {
            withClient { client, options ->
                val handle = client.startWorkflow<GreetingSummary>("collectGreetings", GreetingRequest("Hello", 10), options = options)
                handle.signal("addName", "Ada")
                handle.signal("addName", "Grace")
                handle.query<List<String>>("names") shouldBe listOf("Ada", "Grace")
                handle.executeUpdate<String>("setPunctuation", "!") shouldBe "."
                handle.signal("finish")
                handle.result() shouldBe GreetingSummary("Hello, Ada and Grace!", 2, listOf("Ada", "Grace"))

                val events = handle.fetchHistory().events
                val input = events.first().workflowExecutionStartedEventAttributes.input.payloadsList.single()
                input.encoding() shouldBe "json/plain"
                input.json() shouldBe """{"greeting":"Hello","limit":10}"""
                val signals = events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                    .map { it.workflowExecutionSignaledEventAttributes }
                signals.map { it.signalName } shouldBe listOf("addName", "addName", "finish")
                signals[0].input.payloadsList.single().json() shouldBe "\"Ada\""
                val update = events.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED }
                    .workflowExecutionUpdateCompletedEventAttributes.outcome.success.payloadsList.single()
                update.encoding() shouldBe "json/plain"
                update.json() shouldBe "\".\""
                // The TypeScript workflow passed the signalled names on to its activity as JSON.
                val activityInput = events.single { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED }
                    .activityTaskScheduledEventAttributes.input.payloadsList
                activityInput.map { it.json() } shouldBe listOf("\"Hello\"", """["Ada","Grace"]""", "\"!\"")
                val result = events.last().workflowExecutionCompletedEventAttributes.result.payloadsList.single()
                result.encoding() shouldBe "json/plain"
                result.json() shouldBe """{"text":"Hello, Ada and Grace!","count":2,"names":["Ada","Grace"]}"""
            }
        }

        test("${server.name}: an update rejected by the TypeScript validator throws WorkflowUpdateFailedException with its error") {
            withClient { client, options ->
                val handle = client.startWorkflow<GreetingSummary>("collectGreetings", GreetingRequest("Hi", 1), options = options)
                val error = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<String>("setPunctuation", "?!") }
                error.updateName shouldBe "setPunctuation"
                val cause = error.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.type shouldBe "Error"
                cause.message shouldBe "punctuation must be one character, got \"?!\""
                handle.signal("addName", "Linus")
                handle.result() shouldBe GreetingSummary("Hi, Linus.", 1, listOf("Linus"))
                handle.fetchHistory().events.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 0
            }
        }

        test("${server.name}: a TypeScript ApplicationFailure fails the workflow with its type, message, details and non-retryable flag") {
            withClient { client, options ->
                val handle = client.startWorkflow<String>("failWithDetails", "no stock", options = options)
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                error.workflowId shouldBe options.id
                // Set by the server: the dev server reports that the workflow had no retry policy.
                if (server.name == "dev server") error.retryState shouldBe RetryState.RETRY_POLICY_NOT_SET
                val cause = error.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.message shouldBe "refused: no stock"
                cause.type shouldBe "InteropRefusal"
                cause.nonRetryable shouldBe true
                cause.details.size shouldBe 2
                cause.details<RefusalDetail>(0) shouldBe RefusalDetail(42, "no stock")
                cause.details<String>(1) shouldBe "second detail"
                cause.cause shouldBe null
                cause.remoteStackTrace shouldContain "failWithDetails"
                val failure = cause.failure.shouldNotBeNull()
                failure.source shouldBe "TypeScriptSDK"
                val details = failure.applicationFailureInfo.details.payloadsList
                details.map { it.encoding() } shouldBe listOf("json/plain", "json/plain")
                details.map { it.json() } shouldBe listOf("""{"code":42,"reason":"no stock"}""", "\"second detail\"")
            }
        }

        test("${server.name}: a TypeScript activity failure arrives as ActivityFailure caused by the ApplicationFailure chain") {
            withClient { client, options ->
                val handle = client.startWorkflow<String>("failInActivity", "item-7", options = options)
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                val activity = error.cause.shouldBeInstanceOf<ActivityFailure>()
                activity.activityType shouldBe "breakDown"
                activity.retryState shouldBe RetryState.NON_RETRYABLE_FAILURE
                val application = activity.cause.shouldBeInstanceOf<ApplicationFailure>()
                application.message shouldBe "cannot process item-7"
                application.type shouldBe "ProcessingError"
                application.nonRetryable shouldBe true
                application.details<String>(0) shouldBe "item-7"
                // The TypeScript SDK encodes a plain Error cause without any failure info: a GenericFailure here,
                // with the JavaScript error name only in the stack trace.
                val root = application.cause.shouldBeInstanceOf<GenericFailure>()
                root.message shouldBe "item-7 is out of range"
                root.cause shouldBe null
                val rootProto = root.failure.shouldNotBeNull()
                rootProto.failureInfoCase shouldBe Failure.FailureInfoCase.FAILUREINFO_NOT_SET
                rootProto.source shouldBe "TypeScriptSDK"
                rootProto.stackTrace shouldStartWith "RangeError: item-7 is out of range"
            }
        }

        test("${server.name}: cancelling a TypeScript workflow makes its result throw with a CanceledFailure cause") {
            withClient { client, options ->
                val handle = client.startWorkflow<String>("waitForCancel", options = options)
                handle.cancel("no longer needed")
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                error.cause.shouldBeInstanceOf<CanceledFailure>()
                val events = handle.fetchHistory().events
                events.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED }
                    .workflowExecutionCancelRequestedEventAttributes.cause shouldBe "no longer needed"
                events.last().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
            }
        }
    }
})
