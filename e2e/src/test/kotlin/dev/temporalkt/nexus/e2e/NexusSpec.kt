package dev.temporalkt.nexus.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.nexus.v1.EndpointSpec
import dev.temporalkt.api.nexus.v1.EndpointTarget
import dev.temporalkt.api.operatorservice.v1.CreateNexusEndpointRequest
import dev.temporalkt.api.operatorservice.v1.DeleteNexusEndpointRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.memoValue
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.NexusHandlerFailure
import dev.temporalkt.failure.NexusOperationFailure
import dev.temporalkt.failure.TimeoutFailure
import dev.temporalkt.fixtures.HistoryFixtures
import dev.temporalkt.nexus.NexusHandlerErrorType
import dev.temporalkt.nexus.NexusHandlerException
import dev.temporalkt.nexus.NexusLink
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusOperationContext
import dev.temporalkt.nexus.NexusOperationException
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.nexus.NexusService
import dev.temporalkt.nexus.WorkflowRunOperation
import dev.temporalkt.nexus.WorkflowRunOperationOptions
import dev.temporalkt.nexus.nexusClient
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.common.NexusOperationCancellationType
import dev.temporalkt.worker.interceptor.StartNexusOperationInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import dev.temporalkt.worker.interceptor.WorkflowOutboundInterceptor
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

/** The workflow behind the workflow-run operation `greetLater`. */
@Workflow(name = "E2eNexusGreet")
class NexusGreetWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        Workflow.sleep(200.milliseconds)
        return "Hello later, $name"
    }
}

/** The workflow behind `waitForever`: runs until it is cancelled. */
@Workflow(name = "E2eNexusBlocked")
class NexusBlockedWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        Workflow.waitCondition { false }
        return name
    }
}

/** The workflow behind `greetBadly`: fails. */
@Workflow(name = "E2eNexusFailing")
class NexusFailingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        throw ApplicationFailure.nonRetryable("cannot greet $name", "GreetingFailed")
}

@NexusService(name = "E2eGreeting")
class GreetingService {
    private val flakyAttempts = java.util.concurrent.atomic.AtomicInteger()

    @NexusOperation
    suspend fun sayHello(name: String): String {
        if (name.isBlank()) throw NexusHandlerException(NexusHandlerErrorType.BAD_REQUEST, "name must not be blank")
        val ctx = NexusOperationContext.current()
        return "Hello $name from ${ctx.service}/${ctx.operation}"
    }

    /** Describes the request's trace header and its link to the caller [callerId]'s NexusOperationScheduled event. */
    @NexusOperation
    suspend fun describeRequest(callerId: String): String {
        val ctx = NexusOperationContext.current()
        val callerLinks = ctx.inboundLinks.filter {
            it.type == NexusLink.WORKFLOW_EVENT_TYPE && it.url.contains("/workflows/$callerId/") &&
                it.url.contains("eventType=NexusOperationScheduled")
        }
        return "trace=${ctx.headers["trace-id"]} links to caller=${callerLinks.size}"
    }

    @NexusOperation
    suspend fun refuse(reason: String): String =
        throw NexusOperationException.failed("refused: $reason", ApplicationFailure.nonRetryable("no greetings today", "Refused"))

    @NexusOperation
    suspend fun greetLater(name: String): WorkflowRunOperation<String> = WorkflowRunOperation.start(
        NexusGreetWorkflow::run, name,
        options = WorkflowRunOperationOptions(
            workflowId = "greet-${NexusOperationContext.current().requestId}",
            memo = mapOf("greeted" to name),
            staticSummary = "Greeting for $name",
        ),
    )

    /** Fails its first attempt with an unexpected exception (a retryable INTERNAL handler error). */
    @NexusOperation
    suspend fun flaky(name: String): String {
        val attempt = flakyAttempts.incrementAndGet()
        if (attempt == 1) throw IllegalStateException("first attempt fails")
        return "Hello $name on attempt $attempt"
    }

    @NexusOperation
    suspend fun greetBadly(name: String): WorkflowRunOperation<String> = WorkflowRunOperation.start(
        NexusFailingWorkflow::run, name,
        options = WorkflowRunOperationOptions(workflowId = "failing-${NexusOperationContext.current().requestId}"),
    )

    @NexusOperation
    suspend fun waitForever(name: String): WorkflowRunOperation<String> = WorkflowRunOperation.start(
        NexusBlockedWorkflow::run, name,
        options = WorkflowRunOperationOptions(workflowId = "blocked-$name"),
    )
}

/** Describes a Nexus operation failure as `outer | cause class: cause details`. */
private fun describe(e: NexusOperationFailure): String {
    val cause = e.cause
    val detail = when (cause) {
        is NexusHandlerFailure -> "${cause.type}: ${cause.message}"
        is ApplicationFailure -> "${cause.type}: ${cause.message}" + (cause.cause?.let { " <- ${(it as? ApplicationFailure)?.type}: ${it.message}" } ?: "")
        is TimeoutFailure -> "${cause.timeoutType}"
        is CanceledFailure -> "${cause.message}"
        else -> "${cause?.message}"
    }
    return "NexusOperationFailure(${e.service}/${e.operation}) | ${cause?.let { it::class.simpleName }}: $detail"
}

/** Calls the greeting service through [endpoint] in the way [scenario] names and describes what it saw. */
@Workflow(name = "E2eNexusCaller")
class NexusCallerWorkflow {
    @WorkflowRun
    suspend fun run(endpoint: String, scenario: String): String {
        val greetings = Workflow.nexusClient(GreetingService::class, endpoint)
        return try {
            when (scenario) {
                "sync" -> greetings.executeOperation(GreetingService::sayHello, "Ada")
                "context" -> greetings.executeOperation(GreetingService::describeRequest, Workflow.info().workflowId)
                "async" -> {
                    val handle = greetings.startOperation(GreetingService::greetLater, "Bob")
                    "token ${if (handle.operationToken.isNullOrEmpty()) "missing" else "present"}: ${handle.result()}"
                }
                "bad-request" -> greetings.executeOperation(GreetingService::sayHello, " ")
                "flaky" -> greetings.executeOperation(GreetingService::flaky, "Cy")
                "backing-fails" -> greetings.executeOperation(GreetingService::greetBadly, "Di")
                "refused" -> greetings.executeOperation(GreetingService::refuse, "it is Sunday")
                "cancel" -> {
                    val handle = greetings.startOperation(
                        GreetingService::waitForever, Workflow.info().workflowId,
                        NexusOperationOptions(cancellationType = NexusOperationCancellationType.WAIT_CANCELLATION_COMPLETED),
                    )
                    handle.cancel()
                    handle.result()
                }
                "cancel-requested" -> {
                    val handle = greetings.startOperation(
                        GreetingService::waitForever, Workflow.info().workflowId,
                        NexusOperationOptions(cancellationType = NexusOperationCancellationType.WAIT_CANCELLATION_REQUESTED),
                    )
                    handle.cancel()
                    handle.result()
                }
                "await" -> greetings.executeOperation(GreetingService::waitForever, Workflow.info().workflowId)
                "timeout" -> greetings.executeOperation(
                    GreetingService::waitForever, Workflow.info().workflowId,
                    NexusOperationOptions(scheduleToCloseTimeout = 2.seconds, summary = "wait for nothing"),
                )
                "unknown" -> Workflow.nexusClient(endpoint, "E2eGreeting").executeOperation<String, String>("noSuchOperation", "x")
                else -> error("unknown scenario $scenario")
            }
        } catch (e: NexusOperationFailure) {
            describe(e)
        }
    }
}

/** Adds the Nexus header `trace-id` to every Nexus operation a workflow schedules. */
class NexusTraceInterceptor : WorkerInterceptor {
    override fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor = object : WorkflowInboundInterceptor(next) {
        override fun init(outbound: WorkflowOutboundInterceptor) {
            super.init(object : WorkflowOutboundInterceptor(outbound) {
                override suspend fun startNexusOperation(input: StartNexusOperationInput) =
                    super.startNexusOperation(input.copy(headers = input.headers + ("trace-id" to "trace-42")))
            })
        }
    }
}

/**
 * Nexus end to end: a caller workflow calls operations of a service handled by the same worker through an endpoint
 * created for each test (through the operator service), on the embedded test server (private to this spec) and on
 * the dev server; every caller history is replayed afterwards.
 */
class NexusSpec : FunSpec({
    val workflows = listOf(NexusCallerWorkflow::class, NexusGreetWorkflow::class, NexusBlockedWorkflow::class, NexusFailingWorkflow::class)

    class Run(val client: Client, val taskQueue: String, val endpoint: String)

    suspend fun withNexus(target: String, block: suspend Run.() -> Unit) {
        val client = Client.connect(ConnectionOptions(target = target))
        val taskQueue = "e2e-nexus-${UUID.randomUUID()}"
        val endpointName = "e2e-nexus-${UUID.randomUUID().toString().replace("-", "")}"
        val created = client.connection.operatorService.createNexusEndpoint(
            CreateNexusEndpointRequest.newBuilder().setSpec(
                EndpointSpec.newBuilder().setName(endpointName).setTarget(
                    EndpointTarget.newBuilder().setWorker(
                        EndpointTarget.Worker.newBuilder().setNamespace(client.namespace).setTaskQueue(taskQueue),
                    ),
                ),
            ).build(),
        ).endpoint
        val worker = Worker(
            client, taskQueue, workflows,
            options = WorkerOptions(interceptors = listOf(NexusTraceInterceptor())), nexusServices = listOf(GreetingService()),
        ).start()
        try {
            withTimeout(60.seconds) { Run(client, taskQueue, endpointName).block() }
        } finally {
            worker.shutdown()
            client.connection.operatorService.deleteNexusEndpoint(
                DeleteNexusEndpointRequest.newBuilder().setId(created.id).setVersion(created.version).build(),
            )
            client.connection.close()
        }
    }

    suspend fun Run.call(scenario: String, recordAs: String? = null): Pair<String, WorkflowHandle<String>> {
        val handle = client.startWorkflow<String>(
            "E2eNexusCaller", endpoint, scenario,
            options = WorkflowOptions(id = "nexus-$scenario-${UUID.randomUUID()}", taskQueue = taskQueue),
        )
        val result = handle.result()
        val history = handle.fetchHistory().history
        WorkflowReplayer(workflows).replay(history, handle.id)
        if (recordAs != null) HistoryFixtures.recordIfRequested(recordAs, history)
        return result to handle
    }

    suspend fun events(handle: WorkflowHandle<*>): List<HistoryEvent> = handle.fetchHistoryEvents().toList()

    val embedded = lazy { EmbeddedTestServer.start() }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    for ((devServer, target) in listOf<Pair<String, () -> String>>(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )) {

    test("$devServer: a synchronous operation returns its exact result") {
        withNexus(target()) {
            val (result, handle) = call("sync")
            result shouldBe "Hello Ada from E2eGreeting/sayHello"
            val types = events(handle).map { it.eventType }
            types.filter { it.name.startsWith("EVENT_TYPE_NEXUS") } shouldBe listOf(
                EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED,
            )
        }
    }

    test("$devServer: an outbound interceptor's Nexus header and the caller link reach the handler's context") {
        withNexus(target()) {
            val (result, handle) = call("context")
            result shouldBe "trace=trace-42 links to caller=1"
            val scheduled = events(handle).single { it.eventType == EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED }
            scheduled.nexusOperationScheduledEventAttributes.nexusHeaderMap["trace-id"] shouldBe "trace-42"
        }
    }

    test("$devServer: a workflow-run operation starts with a token and completes with the workflow's result") {
        withNexus(target()) {
            val (result, handle) = call("async", recordAs = "nexus-async".takeIf { devServer == "dev server" })
            result shouldBe "token present: Hello later, Bob"
            val nexusEvents = events(handle).filter { it.eventType.name.startsWith("EVENT_TYPE_NEXUS") }
            nexusEvents.map { it.eventType } shouldBe listOf(
                EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED,
            )
            val token = nexusEvents[1].nexusOperationStartedEventAttributes.operationToken
            val tokenJson = String(java.util.Base64.getUrlDecoder().decode(token))
            val backingId = Regex("\"wid\":\"(greet-[^\"]+)\"").find(tokenJson)!!.groupValues[1]
            tokenJson shouldBe "{\"t\":1,\"ns\":\"${client.namespace}\",\"wid\":\"$backingId\"}"
            val backing = client.getWorkflowHandle<String>(backingId)
            backing.result() shouldBe "Hello later, Bob"
            val backingStart = events(backing).first()
            backingStart.workflowExecutionStartedEventAttributes.completionCallbacksCount shouldBe 1
            backingStart.linksList.single().workflowEvent.workflowId shouldBe handle.id
            val description = backing.describe()
            description.memoValue<String>("greeted") shouldBe "Bob"
            description.staticSummary() shouldBe "Greeting for Bob"
        }
    }

    test("$devServer: a handler error reaches the caller as NexusOperationFailure caused by NexusHandlerFailure") {
        withNexus(target()) {
            call("bad-request").first shouldBe
                "NexusOperationFailure(E2eGreeting/sayHello) | NexusHandlerFailure: BAD_REQUEST: name must not be blank"
        }
    }

    test("$devServer: a retryable handler error is retried until the operation succeeds") {
        withNexus(target()) {
            call("flaky").first shouldBe "Hello Cy on attempt 2"
        }
    }

    test("$devServer: a failed backing workflow fails the workflow-run operation with the workflow's failure") {
        withNexus(target()) {
            call("backing-fails").first shouldBe
                "NexusOperationFailure(E2eGreeting/greetBadly) | ApplicationFailure: GreetingFailed: cannot greet Di"
        }
    }

    test("$devServer: an operation failure reaches the caller with its application failure chain") {
        withNexus(target()) {
            call("refused").first shouldBe
                "NexusOperationFailure(E2eGreeting/refuse) | ApplicationFailure: : refused: it is Sunday <- Refused: no greetings today"
        }
    }

    test("$devServer: cancelling a workflow-run operation cancels its backing workflow") {
        withNexus(target()) {
            val (result, handle) = call("cancel", recordAs = "nexus-cancel".takeIf { devServer == "dev server" })
            result shouldBe "NexusOperationFailure(E2eGreeting/waitForever) | CanceledFailure: operation canceled"
            val backing = client.getWorkflowHandle<String>("blocked-${handle.id}")
            events(backing).last().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
            // The handler's acceptance of the cancel request is recorded only if it arrives before the caller
            // closes, which races with the operation's cancellation: leave it out of the comparison.
            val nexusTypes = events(handle).map { it.eventType }.filter { it.name.startsWith("EVENT_TYPE_NEXUS") }
            nexusTypes.filter { it != EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED } shouldBe listOf(
                EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED,
            )
        }
    }

    // Dev server only: the embedded test server records the handler's acceptance of a cancel request after the
    // operation's cancellation, or not at all, so the moment WAIT_CANCELLATION_REQUESTED resolves cannot be seen there.
    if (devServer == "dev server") test("$devServer: WAIT_CANCELLATION_REQUESTED resolves the operation once the handler accepted the cancel request (dev server only)") {
        withNexus(target()) {
            val (result, handle) = call("cancel-requested")
            result shouldBe "NexusOperationFailure(E2eGreeting/waitForever) | CanceledFailure: operation canceled"
            events(handle).map { it.eventType }.filter { it.name.startsWith("EVENT_TYPE_NEXUS") }.take(4) shouldBe listOf(
                EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED,
            )
            client.getWorkflowHandle<String>("blocked-${handle.id}").let { backing ->
                withTimeout(20.seconds) {
                    while (events(backing).last().eventType != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED) kotlinx.coroutines.delay(50)
                }
            }
        }
    }

    test("$devServer: cancelling the caller workflow cancels its operation and the backing workflow") {
        withNexus(target()) {
            val handle = client.startWorkflow<String>(
                "E2eNexusCaller", endpoint, "await",
                options = WorkflowOptions(id = "nexus-await-${UUID.randomUUID()}", taskQueue = taskQueue),
            )
            withTimeout(20.seconds) {
                while (events(handle).none { it.eventType == EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED }) kotlinx.coroutines.delay(50)
            }
            handle.cancel()
            val failure = io.kotest.assertions.throwables.shouldThrow<dev.temporalkt.failure.WorkflowFailedException> { handle.result() }
            (failure.cause is CanceledFailure) shouldBe true
            events(handle).last().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
            events(handle).map { it.eventType }.filter {
                it.name.startsWith("EVENT_TYPE_NEXUS") && it != EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED
            } shouldBe listOf(
                EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED,
                EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED,
            )
            events(client.getWorkflowHandle<String>("blocked-${handle.id}")).last().eventType shouldBe
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
            WorkflowReplayer(workflows).replay(handle.fetchHistory().history, handle.id)
        }
    }

    test("$devServer: an operation past its schedule-to-close timeout fails with a timeout cause") {
        withNexus(target()) {
            val (result, handle) = call("timeout")
            result shouldBe "NexusOperationFailure(E2eGreeting/waitForever) | TimeoutFailure: SCHEDULE_TO_CLOSE"
            events(handle).map { it.eventType }.filter { it.name.startsWith("EVENT_TYPE_NEXUS") }.last() shouldBe
                EventType.EVENT_TYPE_NEXUS_OPERATION_TIMED_OUT
        }
    }

    test("$devServer: an unknown operation fails with a NOT_FOUND handler error naming what is registered") {
        withNexus(target()) {
            call("unknown").first shouldBe "NexusOperationFailure(E2eGreeting/noSuchOperation) | NexusHandlerFailure: NOT_FOUND: " +
                "Nexus service 'E2eGreeting' has no operation 'noSuchOperation' (operations: [describeRequest, flaky, greetBadly, greetLater, refuse, sayHello, waitForever])"
        }
    }
    }

    test("the recorded caller histories (nexus-async, nexus-cancel fixtures) replay with the caller workflow") {
        for (name in listOf("nexus-async", "nexus-cancel")) {
            val history = HistoryFixtures.load(name)
            history.eventsList.count { it.eventType == EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED } shouldBe 1
            WorkflowReplayer(workflows).replay(history, name)
        }
    }
})
