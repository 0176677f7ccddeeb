package dev.temporalkt.client

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.common.buildSearchAttributes
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadCodec
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.failure.TerminatedFailure
import dev.temporalkt.failure.WorkflowAlreadyStartedException
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeEmpty
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.async
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

data class Receipt(val orderId: String, val total: Int)

private fun json(text: String): Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
    .setData(ByteString.copyFromUtf8(text))
    .build()

/** Reverses payload bytes and marks them, so tests can see that the codec ran in both directions. */
private class ReversingCodec : PayloadCodec {
    override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.map {
        Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/reversed"))
            .setData(ByteString.copyFrom(it.toByteArray().reversedArray())).build()
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.map {
        check(it.metadataMap["encoding"]?.toStringUtf8() == "binary/reversed") { "not encoded by this codec: $it" }
        Payload.parseFrom(it.data.toByteArray().reversedArray())
    }
}

/** Answers the first workflow task of [parent] by starting the child [childId] of type `Child` on [childQueue]. */
private suspend fun workflowStartsChild(parent: ScriptedWorkflow, childId: String, childQueue: String) {
    val command = dev.temporalkt.api.command.v1.Command.newBuilder()
        .setCommandType(dev.temporalkt.api.enums.v1.CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION)
        .setStartChildWorkflowExecutionCommandAttributes(
            dev.temporalkt.api.command.v1.StartChildWorkflowExecutionCommandAttributes.newBuilder()
                .setWorkflowId(childId)
                .setWorkflowType(dev.temporalkt.api.common.v1.WorkflowType.newBuilder().setName("Child"))
                .setTaskQueue(dev.temporalkt.api.taskqueue.v1.TaskQueue.newBuilder().setName(childQueue)),
        )
        .build()
    parent.tasks.respond(parent.tasks.poll(), listOf(command))
}

private fun com.google.protobuf.Timestamp.toInstant(): java.time.Instant = java.time.Instant.ofEpochSecond(seconds, nanos.toLong())

class ClientWorkflowSpec : FunSpec({
    for ((server, target) in clientTestServers()) {
        test("$server: start with every option records them in the started event") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "start-options")
                val keyword = SearchAttributeKey.forKeyword("CustomKeywordField")
                val options = workflow.options.copy(
                    executionTimeout = 2.hours,
                    runTimeout = 1.hours,
                    taskTimeout = 7.seconds,
                    idReusePolicy = WorkflowIdReusePolicy.REJECT_DUPLICATE,
                    retryPolicy = RetryPolicy(initialInterval = 3.seconds, maximumAttempts = 4, nonRetryableErrorTypes = listOf("Fatal")),
                    memo = mapOf("customer" to "ada"),
                    searchAttributes = buildSearchAttributes { set(keyword, "gold") },
                    headers = mapOf("tenant" to json("\"acme\"")),
                )
                val handle = client.startWorkflow<Receipt>("OrderWorkflow", "order-1", 3, options = options)
                handle.id shouldBe workflow.workflowId
                handle.resultRunId.shouldNotBeNull().shouldNotBeEmpty()
                handle.firstExecutionRunId shouldBe handle.resultRunId

                val started = handle.fetchHistory().events.first()
                started.eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
                val attributes = started.workflowExecutionStartedEventAttributes
                attributes.workflowType.name shouldBe "OrderWorkflow"
                attributes.taskQueue.name shouldBe workflow.taskQueue
                attributes.input.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"order-1\"", "3")
                attributes.workflowExecutionTimeout.seconds shouldBe 7200
                attributes.workflowRunTimeout.seconds shouldBe 3600
                attributes.workflowTaskTimeout.seconds shouldBe 7
                attributes.retryPolicy.maximumAttempts shouldBe 4
                attributes.retryPolicy.initialInterval.seconds shouldBe 3
                attributes.retryPolicy.nonRetryableErrorTypesList shouldBe listOf("Fatal")
                attributes.memo.fieldsMap.getValue("customer").data.toStringUtf8() shouldBe "\"ada\""
                attributes.header.fieldsMap.getValue("tenant").toByteArray() shouldBe json("\"acme\"").toByteArray()
                attributes.identity shouldBe client.identity

                val description = handle.describe()
                description.status shouldBe WorkflowExecutionStatus.RUNNING
                description.workflowType shouldBe "OrderWorkflow"
                description.taskQueue shouldBe workflow.taskQueue
                description.memoValue<String>("customer") shouldBe "ada"
                description.searchAttributes[keyword] shouldBe "gold"
                description.runId shouldBe handle.resultRunId
                description.parent shouldBe null
                description.startTime shouldBe started.eventTime.toInstant()
                description.closeTime shouldBe null
                description.historyLength shouldBe handle.fetchHistory().events.size.toLong()
                handle.terminate("done checking")
                val closedEvents = handle.fetchHistory().events
                val closed = handle.describe()
                closed.status shouldBe WorkflowExecutionStatus.TERMINATED
                closed.startTime shouldBe description.startTime
                closed.closeTime shouldBe closedEvents.last().eventTime.toInstant()
                closed.historyLength shouldBe closedEvents.size.toLong()
            }
        }

        test("$server: result decodes the payload the workflow completed with") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "result")
                val handle = client.startWorkflow<Receipt>("OrderWorkflow", "order-2", options = workflow.options)
                val task = workflow.tasks.poll()
                val result = client.dataConverter.encodeValue(Receipt("order-2", 42))
                workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete(Payloads.newBuilder().addPayloads(result).build())))
                handle.result() shouldBe Receipt("order-2", 42)
                client.getWorkflowHandle<Receipt>(workflow.workflowId).result() shouldBe Receipt("order-2", 42)
                handle.describe().status shouldBe WorkflowExecutionStatus.COMPLETED
            }
        }

        test("$server: a failed workflow throws WorkflowFailedException caused by the application failure") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "failed")
                val handle = client.startWorkflow<String>("OrderWorkflow", options = workflow.options)
                val task = workflow.tasks.poll()
                val failure = client.dataConverter.encodeFailure(ApplicationFailure("card declined", type = "PaymentError", nonRetryable = true))
                workflow.tasks.respond(task, listOf(failCommand(failure)))
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                error.workflowId shouldBe workflow.workflowId
                val cause = error.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.message shouldBe "card declined"
                cause.type shouldBe "PaymentError"
                cause.nonRetryable shouldBe true
            }
        }

        test("$server: terminate ends the workflow and result throws with a TerminatedFailure cause") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "terminate")
                val handle = client.startWorkflow<String>("OrderWorkflow", options = workflow.options)
                handle.terminate("stuck order", FailureDetails.of("order-9", 3))
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                error.cause.shouldBeInstanceOf<TerminatedFailure>().message shouldBe "stuck order"
                handle.describe().status shouldBe WorkflowExecutionStatus.TERMINATED
                val terminated = handle.fetchHistory().events.last().workflowExecutionTerminatedEventAttributes
                terminated.reason shouldBe "stuck order"
                terminated.details.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"order-9\"", "3")
                terminated.identity shouldBe client.identity
            }
        }

        test("$server: describe shows a child's parent and the parent's pending child") {
            withClient(target()) { client ->
                val parent = ScriptedWorkflow(client, "parent")
                val handle = client.startWorkflow<String>("Parent", options = parent.options)
                val childId = uniqueId("child")
                val childQueue = uniqueId("child-queue")
                // The parent starts a child and then waits (for a signal that never comes).
                workflowStartsChild(parent, childId, childQueue)
                val started = parent.tasks.poll()
                val childStarted = ScriptedWorkflowTasks.newEvents(started)
                    .single { it.eventType == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED }
                    .childWorkflowExecutionStartedEventAttributes
                parent.tasks.respond(started, emptyList())

                val child = client.getWorkflowHandle<String>(childId).describe()
                child.workflowType shouldBe "Child"
                child.taskQueue shouldBe childQueue
                child.runId shouldBe childStarted.workflowExecution.runId
                child.parent shouldBe (parent.workflowId to handle.resultRunId)
                val pending = handle.describe().pendingChildren.single()
                pending.workflowId shouldBe childId
                pending.runId shouldBe child.runId
                pending.workflowTypeName shouldBe "Child"
                client.getWorkflowHandle<String>(childId).terminate()
                handle.terminate()
            }
        }

        test("$server: cancel reaches the workflow, and a canceled workflow's result throws with a CanceledFailure cause") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "cancel")
                val handle = client.startWorkflow<String>("OrderWorkflow", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())
                handle.cancel("customer asked")
                val task = workflow.tasks.poll()
                val requested = ScriptedWorkflowTasks.newEvents(task)
                    .single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED }
                requested.workflowExecutionCancelRequestedEventAttributes.cause shouldBe "customer asked"
                workflow.tasks.respond(task, listOf(cancelCommand()))
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                error.cause.shouldBeInstanceOf<CanceledFailure>()
            }
        }

        test("$server: result follows continue-as-new unless told not to") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "continue")
                val handle = client.startWorkflow<Int>("Counter", 1, options = workflow.options)
                val first = workflow.tasks.poll()
                val next = client.dataConverter.encode(listOf(2), listOf(kotlin.reflect.typeOf<Int>()))
                workflow.tasks.respond(first, listOf(continueAsNewCommand("Counter", workflow.taskQueue, next)))
                val second = workflow.tasks.poll()
                second.workflowExecution.runId shouldNotBe handle.resultRunId
                second.history.eventsList.first().workflowExecutionStartedEventAttributes.input.getPayloads(0).data.toStringUtf8() shouldBe "2"
                workflow.tasks.respond(second, listOf(ScriptedWorkflowTasks.complete(next)))

                handle.result() shouldBe 2
                val error = shouldThrow<WorkflowContinuedAsNewException> { handle.result(followRuns = false) }
                error.runId shouldBe handle.resultRunId
                error.newExecutionRunId shouldBe second.workflowExecution.runId
            }
        }

        test("$server: a start handle targets the latest run, waits from and guards with the run it started") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "run-ids")
                val handle = client.startWorkflow<Int>("Counter", 1, options = workflow.options)
                val first = workflow.tasks.poll()
                val firstRunId = first.workflowExecution.runId
                handle.runId shouldBe null
                handle.resultRunId shouldBe firstRunId
                handle.firstExecutionRunId shouldBe firstRunId

                // A continue-as-new makes a second run of the chain: signals and describe reach it, result ends there.
                val next = client.dataConverter.encode(listOf(2), listOf(kotlin.reflect.typeOf<Int>()))
                workflow.tasks.respond(first, listOf(continueAsNewCommand("Counter", workflow.taskQueue, next)))
                val second = workflow.tasks.poll()
                val secondRunId = second.workflowExecution.runId
                workflow.tasks.respond(second, emptyList())
                handle.signal("poke")
                val poked = workflow.tasks.poll()
                poked.workflowExecution.runId shouldBe secondRunId
                ScriptedWorkflowTasks.newEvents(poked).single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                    .workflowExecutionSignaledEventAttributes.signalName shouldBe "poke"
                handle.describe().runId shouldBe secondRunId
                workflow.tasks.respond(poked, listOf(ScriptedWorkflowTasks.complete(next)))
                handle.result() shouldBe 2
                client.getWorkflowHandle<Int>(workflow.workflowId, runId = firstRunId).describe().status shouldBe
                    WorkflowExecutionStatus.CONTINUED_AS_NEW

                // A new chain reuses the id: the old handle's cancel, guarded by its first run, does not reach it (the
                // embedded test server does not check the guard).
                val reused = client.startWorkflow<Int>("Counter", 3, options = workflow.options)
                reused.firstExecutionRunId shouldBe reused.resultRunId
                reused.firstExecutionRunId shouldNotBe firstRunId
                if (server == "dev server") {
                    shouldThrow<dev.temporalkt.failure.RpcException> { handle.cancel("meant for the first chain") }
                        .code shouldBe dev.temporalkt.failure.RpcStatusCode.NOT_FOUND
                    reused.fetchHistory().events.map { it.eventType } shouldNotContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED
                }

                // USE_EXISTING on the running id starts no run, so the handle has no first run to guard with.
                val existing = client.startWorkflow<Int>(
                    "Counter", 4, options = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING),
                )
                existing.runId shouldBe null
                existing.resultRunId shouldBe reused.resultRunId
                existing.firstExecutionRunId shouldBe null
                reused.terminate()
            }
        }

        test("$server: result follows a retry to the run that completed (without followRuns: the run's failure on the dev server, continued-as-new on the embedded test server) and reports a timeout as TimeoutFailure") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "retried")
                val options = workflow.options.copy(retryPolicy = RetryPolicy(initialInterval = 1.seconds, maximumAttempts = 2))
                val handle = client.startWorkflow<String>("Flaky", options = options)
                val first = workflow.tasks.poll()
                workflow.tasks.respond(first, listOf(failCommand(client.dataConverter.encodeFailure(ApplicationFailure("try again")))))
                val second = workflow.tasks.poll()
                second.attempt shouldBe 1
                second.history.eventsList.first().workflowExecutionStartedEventAttributes.attempt shouldBe 2
                workflow.tasks.respond(second, listOf(ScriptedWorkflowTasks.complete(Payloads.newBuilder().addPayloads(client.dataConverter.encodeValue("second time")).build())))
                handle.result() shouldBe "second time"
                if (server == "dev server") {
                    shouldThrow<WorkflowFailedException> { handle.result(followRuns = false) }
                        .cause.shouldBeInstanceOf<ApplicationFailure>().message shouldBe "try again"
                } else {
                    // The embedded server reports the retried run as continued-as-new without saying why.
                    shouldThrow<WorkflowContinuedAsNewException> { handle.result(followRuns = false) }
                        .newExecutionRunId shouldBe second.workflowExecution.runId
                }

                val timed = ScriptedWorkflow(client, "timed-out")
                val timedHandle = client.startWorkflow<String>("Slow", options = timed.options.copy(executionTimeout = 1.seconds))
                val error = shouldThrow<WorkflowFailedException> { timedHandle.result() }
                error.cause.shouldBeInstanceOf<dev.temporalkt.failure.TimeoutFailure>().timeoutType shouldBe dev.temporalkt.failure.TimeoutType.START_TO_CLOSE
                timedHandle.describe().status shouldBe WorkflowExecutionStatus.TIMED_OUT
            }
        }

        test("$server: a history event flow with waitNewEvent ends with the close event (dev server); cron schedules are recorded") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "watched")
                val handle = client.startWorkflow<String>("Watched", options = workflow.options)
                // The embedded test server answers a waiting read of all events with UNKNOWN; it only waits for
                // close events (which result() uses).
                if (server == "dev server") kotlinx.coroutines.coroutineScope {
                    val watched = async { handle.fetchHistoryEvents(waitNewEvent = true).toList().map { it.eventType } }
                    workflow.tasks.respond(workflow.tasks.poll(), listOf(ScriptedWorkflowTasks.complete()))
                    val types = watched.await()
                    types.first() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
                    types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                } else {
                    workflow.tasks.respond(workflow.tasks.poll(), listOf(ScriptedWorkflowTasks.complete()))
                }
                handle.result() shouldBe null

                val cron = ScriptedWorkflow(client, "cron")
                val cronHandle = client.startWorkflow<String>("Nightly", options = cron.options.copy(cronSchedule = "0 3 * * *"))
                cronHandle.fetchHistory().events.first().workflowExecutionStartedEventAttributes.cronSchedule shouldBe "0 3 * * *"
                cronHandle.terminate()
            }
        }

        test("$server: starting a running workflow id again throws WorkflowAlreadyStartedException; USE_EXISTING returns its run") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "duplicate")
                val handle = client.startWorkflow<String>("OrderWorkflow", options = workflow.options)
                val error = shouldThrow<WorkflowAlreadyStartedException> {
                    client.startWorkflow<String>("OrderWorkflow", options = workflow.options)
                }
                error.workflowId shouldBe workflow.workflowId
                error.runId shouldBe handle.resultRunId
                error.message shouldContain "already started"
                val existing = client.startWorkflow<String>(
                    "OrderWorkflow",
                    options = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING),
                )
                existing.resultRunId shouldBe handle.resultRunId
                handle.terminate()
            }
        }

        test("$server: history is fetched in pages and exported to JSON that reads back") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "history")
                val handle = client.startWorkflow<String>("OrderWorkflow", "x", options = workflow.options)
                repeat(3) { handle.signal("poke", it) }
                handle.terminate("enough")
                val history = handle.fetchHistory()
                val types = history.events.map { it.eventType }
                types.first() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 3
                types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
                handle.fetchHistoryEvents(pageSize = 2).toListCount() shouldBe history.events.size

                val json = history.toJson()
                json shouldContain "\"eventType\": \"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\""
                json shouldContain "\"workflowType\": {"
                WorkflowHistory.fromJson(workflow.workflowId, json).history shouldBe history.history
                shouldThrow<IllegalArgumentException> { WorkflowHistory.fromJson("x", "[1, 2]") }
                    .message shouldContain "Temporal JSON format"
            }
        }

        test("$server: a codec encodes arguments on the way out and decodes results on the way in") {
            val converter = DataConverter(codecs = listOf(ReversingCodec()))
            withClient(target(), ClientOptions(dataConverter = converter)) { client ->
                val workflow = ScriptedWorkflow(client, "codec")
                val handle = client.startWorkflow<String>("Echo", "secret", options = workflow.options.copy(memo = mapOf("m" to "memo")))
                val task = workflow.tasks.poll()
                val input = task.history.eventsList.first().workflowExecutionStartedEventAttributes.input.getPayloads(0)
                input.metadataMap.getValue("encoding").toStringUtf8() shouldBe "binary/reversed"
                input.data.toStringUtf8() shouldNotContainText "secret"
                val result = converter.encodeValue("plain answer")
                workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete(Payloads.newBuilder().addPayloads(result).build())))
                handle.result() shouldBe "plain answer"
                handle.describe().memoValue<String>("m") shouldBe "memo"
            }
        }

        test("$server: an outbound interceptor can change arguments and add headers (signal headers reach history on the dev server only)") {
            val seen = mutableListOf<String>()
            val interceptor = ClientInterceptor { next ->
                object : ClientOutboundInterceptor(next) {
                    override suspend fun startWorkflow(input: StartWorkflowInput): WorkflowHandle<Any?> {
                        seen += "start ${input.workflowType}"
                        return super.startWorkflow(
                            input.copy(args = input.args.map { "$it!" }, headers = input.headers + ("trace" to json("\"t-1\""))),
                        )
                    }

                    override suspend fun signalWorkflow(input: SignalWorkflowInput) {
                        seen += "signal ${input.signalName}"
                        super.signalWorkflow(input.copy(headers = mapOf("trace" to json("\"t-2\""))))
                    }
                }
            }
            withClient(target(), ClientOptions(interceptors = listOf(interceptor))) { client ->
                val workflow = ScriptedWorkflow(client, "intercepted")
                val handle = client.startWorkflow<String>("Echo", "hello", options = workflow.options)
                handle.signal("ping")
                handle.terminate()
                val events = handle.fetchHistory().events
                val started = events.first().workflowExecutionStartedEventAttributes
                started.input.getPayloads(0).data.toStringUtf8() shouldBe "\"hello!\""
                started.header.fieldsMap.getValue("trace").data.toStringUtf8() shouldBe "\"t-1\""
                val signaled = events.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                // The embedded test server does not record signal headers in history.
                if (server == "dev server") {
                    signaled.workflowExecutionSignaledEventAttributes.header.fieldsMap.getValue("trace").data.toStringUtf8() shouldBe "\"t-2\""
                }
                seen shouldBe listOf("start Echo", "signal ping")
            }
        }
    }

    test("dev server: start delay, static summary and details are recorded (dev server only)") {
        withClient(dev.temporalkt.testing.SharedServers.devServer().target) { client ->
            val workflow = ScriptedWorkflow(client, "metadata")
            val handle = client.startWorkflow<String>(
                "OrderWorkflow",
                options = workflow.options.copy(startDelay = 5.minutes, staticSummary = "Order 7", staticDetails = "**rush** delivery"),
            )
            val description = handle.describe()
            description.staticSummary() shouldBe "Order 7"
            description.staticDetails() shouldBe "**rush** delivery"
            val started = handle.fetchHistory().events.first().workflowExecutionStartedEventAttributes
            started.firstWorkflowTaskBackoff.seconds shouldBe 300
            handle.terminate()
        }
    }

    test("bad workflow options fail with a message that says what to fix") {
        shouldThrow<IllegalArgumentException> { WorkflowOptions(id = "", taskQueue = "q") }.message shouldContain "business id"
        shouldThrow<IllegalArgumentException> { WorkflowOptions(id = "a", taskQueue = "q", runTimeout = (-1).seconds) }
            .message shouldContain "runTimeout must be a positive"
        shouldThrow<IllegalArgumentException> { WorkflowOptions(id = "a", taskQueue = "q", cronSchedule = "* * * * *", startDelay = 1.seconds) }
            .message shouldContain "cannot be combined with cronSchedule"
    }
})

private suspend fun <T> kotlinx.coroutines.flow.Flow<T>.toListCount(): Int = toList().size

private suspend fun <T> kotlinx.coroutines.flow.Flow<T>.toList(): List<T> {
    val out = mutableListOf<T>()
    collect { out += it }
    return out
}

private infix fun String.shouldNotContainText(text: String) {
    (text in this) shouldBe false
}

private infix fun Any?.shouldNotBe(other: Any?) {
    (this == other) shouldBe false
}
