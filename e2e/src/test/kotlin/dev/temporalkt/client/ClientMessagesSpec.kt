package dev.temporalkt.client

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.QueryResultType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.workflowservice.v1.RespondQueryTaskCompletedRequest
import dev.temporalkt.client.typed.executeUpdate
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.failure.WorkflowQueryFailedException
import dev.temporalkt.failure.WorkflowQueryRejectedException
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.failure.WorkflowUpdateNotFoundException
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlin.reflect.typeOf

private suspend fun payloads(value: String): Payloads =
    Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(value)).build()

/** The workflow the scripted tasks play, declared so that calls can name its handlers by reference. */
@Workflow(name = "Cart")
interface ScriptedCartWorkflow {
    @WorkflowRun
    suspend fun run(owner: String): String

    @Update(name = "add-item")
    suspend fun addItem(item: String, quantity: Int): Int
}

class ClientMessagesSpec : FunSpec({
    val servers = clientTestServers()
    for ((server, target) in servers) {
        test("$server: a signal arrives with its name and argument payloads") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "signal")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())
                handle.signal("addItem", "apple", 2)
                val signaled = ScriptedWorkflowTasks.newEvents(workflow.tasks.poll())
                    .single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                    .workflowExecutionSignaledEventAttributes
                signaled.signalName shouldBe "addItem"
                signaled.input.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"apple\"", "2")
                signaled.identity shouldBe client.identity
                handle.terminate()
            }
        }

        test("$server: a query is answered by the workflow; a failed query throws WorkflowQueryFailedException") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "query")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())
                coroutineScope {
                    val answer = async { handle.query<String>("contents", "verbose") }
                    val task = workflow.tasks.poll()
                    task.query.queryType shouldBe "contents"
                    task.query.queryArgs.getPayloads(0).data.toStringUtf8() shouldBe "\"verbose\""
                    client.connection.workflowService.respondQueryTaskCompleted(
                        RespondQueryTaskCompletedRequest.newBuilder().setNamespace(client.namespace).setTaskToken(task.taskToken)
                            .setCompletedType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED).setQueryResult(payloads("apple x2")).build(),
                    )
                    answer.await() shouldBe "apple x2"
                }
                coroutineScope {
                    val answer = async { runCatching { handle.query<String>("missing") } }
                    val task = workflow.tasks.poll()
                    client.connection.workflowService.respondQueryTaskCompleted(
                        RespondQueryTaskCompletedRequest.newBuilder().setNamespace(client.namespace).setTaskToken(task.taskToken)
                            .setCompletedType(QueryResultType.QUERY_RESULT_TYPE_FAILED)
                            .setErrorMessage("unknown query type 'missing'")
                            .setFailure(Failure.newBuilder().setMessage("unknown query type 'missing'")).build(),
                    )
                    val error = answer.await().exceptionOrNull().shouldBeInstanceOf<WorkflowQueryFailedException>()
                    error.queryType shouldBe "missing"
                    error.message shouldContain "unknown query type 'missing'"
                }
                handle.terminate()
            }
        }

        test("$server: a query to a closed workflow with reject condition NOT_OPEN throws WorkflowQueryRejectedException") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "query-rejected")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), listOf(ScriptedWorkflowTasks.complete(payloads("done"))))
                handle.result() shouldBe "done"
                val error = shouldThrow<WorkflowQueryRejectedException> {
                    handle.query<String>("contents", rejectCondition = QueryRejectCondition.NOT_OPEN)
                }
                error.status shouldBe WorkflowExecutionStatus.COMPLETED
            }
        }

        test("$server: signal-with-start starts the workflow with the signal, then signals the running one") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "signal-with-start")
                val handle = client.signalWithStart<String>("Cart", listOf("ada"), kotlin.reflect.typeOf<String>(), workflow.options, "addItem", listOf("pear"))
                val again = client.signalWithStart<String>("Cart", listOf("ada"), kotlin.reflect.typeOf<String>(), workflow.options, "addItem", listOf("fig"))
                again.resultRunId shouldBe handle.resultRunId
                handle.runId shouldBe null
                // the run is the first of its chain when the call started it, which only the dev server reports
                handle.firstExecutionRunId shouldBe if (server == "dev server") handle.resultRunId else null
                again.firstExecutionRunId shouldBe null
                val events = workflow.tasks.poll().history.eventsList
                events.first().workflowExecutionStartedEventAttributes.input.getPayloads(0).data.toStringUtf8() shouldBe "\"ada\""
                events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                    .map { it.workflowExecutionSignaledEventAttributes.input.getPayloads(0).data.toStringUtf8() } shouldBe
                    listOf("\"pear\"", "\"fig\"")
                handle.terminate()
            }
        }

        test("$server: signal-with-start by name takes vararg workflow arguments and a reified result type") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "signal-with-start-vararg")
                val handle = client.signalWithStart<List<String>>(
                    "Cart", "ada", 3, signalName = "addItem", signalArgs = listOf("pear", 2), options = workflow.options,
                )
                val task = workflow.tasks.poll()
                val events = task.history.eventsList
                events.first().workflowExecutionStartedEventAttributes.input.payloadsList.map { it.data.toStringUtf8() } shouldBe
                    listOf("\"ada\"", "3")
                val signaled = events.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }.workflowExecutionSignaledEventAttributes
                signaled.signalName shouldBe "addItem"
                signaled.input.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"pear\"", "2")
                val answer = Payloads.newBuilder().addPayloads(client.dataConverter.encodeValue(listOf("pear", "pear"))).build()
                workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete(answer)))
                handle.result() shouldBe listOf("pear", "pear")

                // the checks of startWorkflow apply to signal-with-start too
                shouldThrow<IllegalArgumentException> {
                    client.signalWithStart<String>(" ", signalName = "addItem", options = workflow.options)
                }.message shouldBe "workflowType must not be blank: give the registered workflow type name"
                shouldThrow<IllegalArgumentException> {
                    client.signalWithStart<String>("Cart", signalName = "", options = workflow.options)
                }.message shouldBe "signalName must not be blank: give the name of the signal to send"
            }
        }

        test("$server: signal-with-start with USE_EXISTING signals the running run; FAIL is refused with guidance") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "signal-with-start-policy")
                val existing = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING)
                val handle = client.signalWithStart<String>("Cart", listOf("ada"), kotlin.reflect.typeOf<String>(), existing, "addItem", listOf("pear"))
                val again = client.signalWithStart<String>("Cart", listOf("bob"), kotlin.reflect.typeOf<String>(), existing, "addItem", listOf("fig"))
                again.resultRunId shouldBe handle.resultRunId

                val failing = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.FAIL)
                // The embedded test server would signal the running run and the dev server refuses the policy: the client
                // refuses it up front on both, saying what to use instead.
                shouldThrow<IllegalArgumentException> {
                    client.signalWithStart<String>("Cart", listOf("eve"), kotlin.reflect.typeOf<String>(), failing, "addItem", listOf("plum"))
                }.message shouldContain "cannot use idConflictPolicy = FAIL"

                val events = workflow.tasks.poll().history.eventsList
                events.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED } shouldBe 1
                events.first().workflowExecutionStartedEventAttributes.input.getPayloads(0).data.toStringUtf8() shouldBe "\"ada\""
                events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                    .map { it.workflowExecutionSignaledEventAttributes.input.getPayloads(0).data.toStringUtf8() } shouldBe
                    listOf("\"pear\"", "\"fig\"")
                handle.terminate()
            }
        }

        test("$server: executeWorkflow by name returns the result; executeUpdate by reference sends the handler's name and typed arguments") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "typed-calls")
                coroutineScope {
                    val result = async { client.executeWorkflow<String>("Cart", "ada", options = workflow.options) }
                    val first = workflow.tasks.poll()
                    first.workflowType.name shouldBe "Cart"
                    first.history.eventsList.first().workflowExecutionStartedEventAttributes.input.getPayloads(0).data.toStringUtf8() shouldBe "\"ada\""
                    workflow.tasks.respond(first, emptyList())

                    val handle = client.getWorkflowHandle<String>(workflow.workflowId)
                    val added = async { handle.executeUpdate(ScriptedCartWorkflow::addItem, "kiwi", 2) }
                    val task = workflow.tasks.poll()
                    val (_, request) = updateRequests(task).single()
                    request.input.name shouldBe "add-item"
                    request.input.args.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"kiwi\"", "2")
                    workflow.tasks.acceptAndComplete(task) { Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(2)).build() }
                    val quantity: Int = added.await()
                    quantity shouldBe 2

                    handle.signal("checkout")
                    workflow.tasks.respond(workflow.tasks.poll(), listOf(ScriptedWorkflowTasks.complete(payloads("2 kiwis for ada"))))
                    result.await() shouldBe "2 kiwis for ada"
                }
            }
        }

        test("$server: an update to a workflow that does not exist throws WorkflowUpdateNotFoundException with the RPC error as cause") {
            withClient(target()) { client ->
                val workflowId = uniqueId("missing")
                val error = shouldThrow<WorkflowUpdateNotFoundException> {
                    client.getWorkflowHandle<String>(workflowId).executeUpdate("addItem", listOf("x"), typeOf<Int>(), updateId = "add-x")
                }
                error.workflowId shouldBe workflowId
                error.runId shouldBe null
                error.updateName shouldBe "addItem"
                error.updateId shouldBe "add-x"
                val rpc = error.cause.shouldBeInstanceOf<RpcException>()
                rpc.code shouldBe RpcStatusCode.NOT_FOUND
                error.message shouldBe "Workflow update 'addItem' was not handled and will not be: the workflow execution is closed, " +
                    "does not exist, or never received this update id (server: NOT_FOUND: ${rpc.rpcMessage}); send updates to a " +
                    "running execution (describe() tells its status): updateId='add-x', workflowId='$workflowId'"
            }
        }

        test("$server: an update to a completed workflow throws WorkflowUpdateNotFoundException, from startUpdate, executeUpdate and a poll by id") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "update-closed")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), listOf(ScriptedWorkflowTasks.complete(payloads("done"))))
                handle.result() shouldBe "done"

                val executed = shouldThrow<WorkflowUpdateNotFoundException> { handle.executeUpdate<Int>("addItem", "apple") }
                executed.workflowId shouldBe workflow.workflowId
                executed.updateName shouldBe "addItem"
                executed.cause.shouldBeInstanceOf<RpcException>().code shouldBe RpcStatusCode.NOT_FOUND
                // the dev server says why; the embedded test server only that it knows no such update
                executed.message shouldContain if (server == "dev server") "workflow execution already completed" else "not found"

                val started = shouldThrow<WorkflowUpdateNotFoundException> {
                    handle.startUpdate<Int>("addItem", "pear", waitForStage = WorkflowUpdateStage.ACCEPTED, updateId = "pear-1")
                }
                started.updateId shouldBe "pear-1"
                started.updateName shouldBe "addItem"

                // a handle got by update id knows no update name
                val polled = shouldThrow<WorkflowUpdateNotFoundException> { handle.getUpdateHandle<Int>("never-sent").result() }
                polled.updateId shouldBe "never-sent"
                polled.updateName shouldBe ""
                polled.message shouldStartWith "Workflow update was not handled and will not be"
                polled.message shouldContain "updateId='never-sent', workflowId='${workflow.workflowId}'"
            }
        }

        test("$server: an update waiting while the run completes without handling it throws WorkflowUpdateNotFoundException") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "update-closing")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())
                coroutineScope {
                    val update = async {
                        runCatching { handle.startUpdate<Int>("addItem", "plum", waitForStage = WorkflowUpdateStage.ACCEPTED, updateId = "plum-1") }
                    }
                    // The task carries the update; the workflow completes without answering it.
                    val task = workflow.tasks.poll()
                    updateRequests(task).single().second.meta.updateId shouldBe "plum-1"
                    workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete(payloads("closed early"))))
                    val error = update.await().exceptionOrNull().shouldBeInstanceOf<WorkflowUpdateNotFoundException>()
                    error.updateName shouldBe "addItem"
                    error.updateId shouldBe "plum-1"
                    error.workflowId shouldBe workflow.workflowId
                    error.cause.shouldBeInstanceOf<RpcException>().code shouldBe RpcStatusCode.NOT_FOUND
                }
                handle.result() shouldBe "closed early"
                val types = handle.fetchHistory().events.map { it.eventType }
                types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
                types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
            }
        }

        test("$server: two concurrent updates with the same id run the handler once and share the result") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "update-dedup")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())
                coroutineScope {
                    val first = async { handle.startUpdate<Int>("addItem", "fig", updateId = "fig-1") }
                    val second = async { handle.startUpdate<Int>("addItem", "fig", updateId = "fig-1") }
                    val task = workflow.tasks.poll()
                    val (message, request) = updateRequests(task).single()
                    val acceptance = acceptUpdate(message, request)
                    workflow.tasks.respond(task, listOf(protocolCommand(acceptance.id)), listOf(acceptance))
                    val handles = listOf(first.await(), second.await())
                    handles.map { it.id } shouldBe listOf("fig-1", "fig-1")

                    // Both callers wait for the one update; the next task carries no second request for the handler.
                    val results = handles.map { update -> async { update.result() } }
                    handle.signal("wake")
                    val next = workflow.tasks.poll()
                    updateRequests(next) shouldBe emptyList()
                    val outcome = Outcome.newBuilder().setSuccess(Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(4))).build()
                    val response = completeUpdate(message, request, outcome)
                    workflow.tasks.respond(next, listOf(protocolCommand(response.id)), listOf(response))
                    results.map { it.await() } shouldBe listOf(4, 4)
                }
                handle.executeUpdate("addItem", listOf("fig"), kotlin.reflect.typeOf<Int>(), updateId = "fig-1") shouldBe 4
                val types = handle.fetchHistory().events.map { it.eventType }
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 1
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 1
                handle.terminate()
            }
        }

        test("$server: update lifecycle: accepted first, result later; duplicate id attaches; rejection and failure") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "update")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())

                // executeUpdate: accepted and completed in one workflow task.
                coroutineScope {
                    val result = async {
                        handle.executeUpdate("addItem", listOf("kiwi"), kotlin.reflect.typeOf<Int>(), updateId = "add-kiwi")
                    }
                    val task = workflow.tasks.poll()
                    val (_, request) = updateRequests(task).single()
                    request.meta.updateId shouldBe "add-kiwi"
                    request.input.name shouldBe "addItem"
                    request.input.args.getPayloads(0).data.toStringUtf8() shouldBe "\"kiwi\""
                    workflow.tasks.acceptAndComplete(task) { Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(3)).build() }
                    result.await() shouldBe 3
                }
                // The same update id again is deduplicated: the stored outcome comes back without a workflow task.
                handle.executeUpdate("addItem", listOf("kiwi"), kotlin.reflect.typeOf<Int>(), updateId = "add-kiwi") shouldBe 3
                handle.getUpdateHandle<Int>("add-kiwi").result() shouldBe 3

                // A rejection by the validator.
                coroutineScope {
                    val result = async { runCatching { handle.executeUpdate<Int>("addItem", "stone") } }
                    val task = workflow.tasks.poll()
                    val (message, request) = updateRequests(task).single()
                    val failure = client.dataConverter.encodeFailure(ApplicationFailure("stones are not sold", type = "Invalid"))
                    val rejection = rejectUpdate(message, request, failure)
                    workflow.tasks.respond(task, emptyList(), listOf(rejection))
                    val error = result.await().exceptionOrNull().shouldBeInstanceOf<WorkflowUpdateFailedException>()
                    error.updateName shouldBe "addItem"
                    error.cause.shouldBeInstanceOf<ApplicationFailure>().message shouldBe "stones are not sold"
                }

                // Accepted in one task, failed in a later one: startUpdate returns after acceptance.
                coroutineScope {
                    val started = async { handle.startUpdate<Int>("checkout", waitForStage = WorkflowUpdateStage.ACCEPTED, updateId = "checkout-1") }
                    val task = workflow.tasks.poll()
                    val (message, request) = updateRequests(task).single()
                    val acceptance = acceptUpdate(message, request)
                    workflow.tasks.respond(task, listOf(protocolCommand(acceptance.id)), listOf(acceptance))
                    val update = started.await()
                    update.id shouldBe "checkout-1"
                    update.workflowRunId shouldBe handle.resultRunId
                    val result = async { runCatching { update.result() } }
                    handle.signal("wake")
                    val next = workflow.tasks.poll()
                    val failure = client.dataConverter.encodeFailure(ApplicationFailure("payment declined", type = "Payment"))
                    val response = completeUpdate(message, request, Outcome.newBuilder().setFailure(failure).build())
                    workflow.tasks.respond(next, listOf(protocolCommand(response.id)), listOf(response))
                    val error = result.await().exceptionOrNull().shouldBeInstanceOf<WorkflowUpdateFailedException>()
                    error.updateId shouldBe "checkout-1"
                    error.cause.shouldBeInstanceOf<ApplicationFailure>().type shouldBe "Payment"
                }
                handle.terminate()
            }
        }
    }

    for ((server, target) in servers) {
        test("$server: update-with-start starts the workflow and delivers the update; USE_EXISTING reuses the run") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "update-with-start")
                val options = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING)
                coroutineScope {
                    val started = async {
                        client.startUpdateWithStart(
                            "Cart", listOf("ada"), kotlin.reflect.typeOf<String>(), options,
                            "addItem", listOf("plum"), kotlin.reflect.typeOf<Int>(), WorkflowUpdateStage.COMPLETED, "plum-1",
                        )
                    }
                    val task = workflow.tasks.poll()
                    task.history.eventsList.first().workflowExecutionStartedEventAttributes.input.getPayloads(0).data.toStringUtf8() shouldBe "\"ada\""
                    updateRequests(task).single().second.input.args.getPayloads(0).data.toStringUtf8() shouldBe "\"plum\""
                    workflow.tasks.acceptAndComplete(task) { Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(1)).build() }
                    val result = started.await()
                    result.update.result() shouldBe 1
                    result.workflow.runId shouldBe null
                    result.workflow.resultRunId shouldBe task.workflowExecution.runId
                    result.workflow.firstExecutionRunId shouldBe task.workflowExecution.runId

                    val second = async {
                        client.startUpdateWithStart(
                            "Cart", listOf("ada"), kotlin.reflect.typeOf<String>(), options,
                            "addItem", listOf("fig"), kotlin.reflect.typeOf<Int>(), WorkflowUpdateStage.COMPLETED, "fig-1",
                        )
                    }
                    val next = workflow.tasks.poll()
                    next.workflowExecution.runId shouldBe task.workflowExecution.runId
                    workflow.tasks.acceptAndComplete(next) { Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(2)).build() }
                    val reused = second.await()
                    reused.update.result() shouldBe 2
                    // the call started no run: the handle reaches the running one but has no first run to guard with
                    reused.workflow.resultRunId shouldBe task.workflowExecution.runId
                    reused.workflow.firstExecutionRunId shouldBe null
                }
                val failOptions = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.FAIL)
                val error = shouldThrow<dev.temporalkt.failure.WorkflowAlreadyStartedException> {
                    client.startUpdateWithStart(
                        "Cart", listOf("ada"), kotlin.reflect.typeOf<String>(), failOptions,
                        "addItem", listOf("fig"), kotlin.reflect.typeOf<Int>(),
                    )
                }
                error.workflowId shouldBe workflow.workflowId
                client.getWorkflowHandle<String>(workflow.workflowId).terminate()
            }
        }
    }

    // The embedded test server answers this case with UNKNOWN ("Application error processing RPC") instead of NOT_FOUND.
    test("dev server: update-with-start whose run completes without handling the update throws WorkflowUpdateNotFoundException") {
        withClient(SharedServers.devServer().target) { client ->
            val workflow = ScriptedWorkflow(client, "update-with-start-closing")
            val options = workflow.options.copy(idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING)
            coroutineScope {
                val started = async {
                    runCatching {
                        client.startUpdateWithStart(
                            "Cart", listOf("ada"), typeOf<String>(), options, "addItem", listOf("plum"), typeOf<Int>(), updateId = "plum-1",
                        )
                    }
                }
                val task = workflow.tasks.poll()
                updateRequests(task).single().second.meta.updateId shouldBe "plum-1"
                workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete(payloads("closed early"))))
                val error = started.await().exceptionOrNull().shouldBeInstanceOf<WorkflowUpdateNotFoundException>()
                error.workflowId shouldBe workflow.workflowId
                error.updateName shouldBe "addItem"
                error.updateId shouldBe "plum-1"
                error.cause.shouldBeInstanceOf<RpcException>().code shouldBe RpcStatusCode.NOT_FOUND
                error.message shouldContain "aborted by closing workflow"
            }
            client.getWorkflowHandle<String>(workflow.workflowId).result() shouldBe "closed early"
        }
    }
})
