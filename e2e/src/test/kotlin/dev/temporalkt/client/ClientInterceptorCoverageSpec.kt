package dev.temporalkt.client

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.QueryResultType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.workflowservice.v1.RespondQueryTaskCompletedRequest
import dev.temporalkt.client.schedule.CreateScheduleInput
import dev.temporalkt.client.schedule.DeleteScheduleInput
import dev.temporalkt.client.schedule.DescribeScheduleInput
import dev.temporalkt.client.schedule.Schedule
import dev.temporalkt.client.schedule.ScheduleAction
import dev.temporalkt.client.schedule.ScheduleDescription
import dev.temporalkt.client.schedule.ScheduleHandle
import dev.temporalkt.client.schedule.ScheduleInterceptor
import dev.temporalkt.client.schedule.ScheduleIntervalSpec
import dev.temporalkt.client.schedule.ScheduleOutboundInterceptor
import dev.temporalkt.client.schedule.ScheduleSpec
import dev.temporalkt.client.schedule.createSchedule
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.buildSearchAttributes
import dev.temporalkt.testing.SharedServers
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import java.util.Collections
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes

private fun tag(text: String): Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
    .setData(ByteString.copyFromUtf8("\"$text\""))
    .build()

/**
 * Records every workflow and schedule call it sees and changes arguments, ids, headers and memos on the way to the
 * server: one object in both chains.
 */
private class RewritingInterceptor(private val seen: MutableList<String>) : ClientInterceptor, ScheduleInterceptor {
    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = object : ClientOutboundInterceptor(next) {
        override suspend fun queryWorkflow(input: QueryWorkflowInput): Any? {
            seen += "query ${input.queryType}"
            return super.queryWorkflow(input.copy(args = input.args.map { "$it!" }, headers = input.headers + ("trace" to tag("q-1"))))
        }

        override suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> {
            seen += "update ${input.updateName}"
            return super.startWorkflowUpdate(input.copy(args = input.args.map { "$it!" }, headers = input.headers + ("trace" to tag("u-1"))))
        }

        override suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? {
            seen += "poll update ${input.updateId}"
            // Handles name the update by an alias; the server knows it by the id the interceptor gave it.
            return super.pollWorkflowUpdate(input.copy(updateId = input.updateId.removePrefix("alias-")))
        }

        override suspend fun describeWorkflow(input: DescribeWorkflowInput): WorkflowExecutionDescription {
            seen += "describe"
            return super.describeWorkflow(input)
        }

        override fun fetchWorkflowHistoryEvents(input: FetchWorkflowHistoryEventsInput): Flow<HistoryEvent> {
            seen += "history pageSize=${input.pageSize}"
            return super.fetchWorkflowHistoryEvents(input.copy(pageSize = 1))
        }

        override suspend fun cancelWorkflow(input: CancelWorkflowInput) {
            seen += "cancel ${input.reason}"
            super.cancelWorkflow(input.copy(reason = "${input.reason} (intercepted)"))
        }

        override suspend fun terminateWorkflow(input: TerminateWorkflowInput) {
            seen += "terminate ${input.reason}"
            super.terminateWorkflow(input.copy(reason = "${input.reason} (intercepted)"))
        }

        override fun listWorkflows(input: ListWorkflowsInput): Flow<WorkflowExecutionDescription> {
            seen += "list ${input.query}"
            return super.listWorkflows(input.copy(query = input.query.replace("PLACEHOLDER", tagValue)))
        }

        override suspend fun countWorkflows(input: CountWorkflowsInput): WorkflowExecutionCount {
            seen += "count ${input.query}"
            return super.countWorkflows(input.copy(query = input.query.replace("PLACEHOLDER", tagValue)))
        }
    }

    override fun interceptSchedule(next: ScheduleOutboundInterceptor): ScheduleOutboundInterceptor = object : ScheduleOutboundInterceptor(next) {
        override suspend fun createSchedule(input: CreateScheduleInput): ScheduleHandle {
            seen += "create schedule ${input.id}"
            return super.createSchedule(input.copy(memo = input.memo + ("createdBy" to "interceptor")))
        }

        override suspend fun describeSchedule(input: DescribeScheduleInput): ScheduleDescription {
            seen += "describe schedule ${input.id}"
            return super.describeSchedule(input)
        }

        override suspend fun deleteSchedule(input: DeleteScheduleInput) {
            seen += "delete schedule ${input.id}"
            super.deleteSchedule(input)
        }
    }

    /** The search attribute value that list and count queries get instead of `PLACEHOLDER`. */
    var tagValue: String = ""
}

class ClientInterceptorCoverageSpec : FunSpec({
    for ((server, target) in clientTestServers()) {
        test("$server: an interceptor sees and changes query, update start and poll, describe, history, cancel and terminate") {
            val seen = Collections.synchronizedList(mutableListOf<String>())
            withClient(target(), ClientOptions(interceptors = listOf(RewritingInterceptor(seen)))) { client ->
                val workflow = ScriptedWorkflow(client, "intercepted-calls")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())

                coroutineScope {
                    val answer = async { handle.query<String>("contents", "verbose") }
                    val task = workflow.tasks.poll()
                    task.query.queryArgs.getPayloads(0).data.toStringUtf8() shouldBe "\"verbose!\""
                    task.query.header.fieldsMap.getValue("trace").data.toStringUtf8() shouldBe "\"q-1\""
                    // The workflow echoes the argument it got, so the answer shows the changed one.
                    client.connection.workflowService.respondQueryTaskCompleted(
                        RespondQueryTaskCompletedRequest.newBuilder().setNamespace(client.namespace).setTaskToken(task.taskToken)
                            .setCompletedType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED).setQueryResult(task.query.queryArgs).build(),
                    )
                    answer.await() shouldBe "verbose!"
                }

                coroutineScope {
                    val started = async { handle.startUpdate<String>("addItem", "kiwi", updateId = "add-kiwi") }
                    val task = workflow.tasks.poll()
                    val (message, request) = updateRequests(task).single()
                    request.input.args.getPayloads(0).data.toStringUtf8() shouldBe "\"kiwi!\""
                    request.input.header.fieldsMap.getValue("trace").data.toStringUtf8() shouldBe "\"u-1\""
                    val acceptance = acceptUpdate(message, request)
                    workflow.tasks.respond(task, listOf(protocolCommand(acceptance.id)), listOf(acceptance))
                    started.await().id shouldBe "add-kiwi"

                    val result = async { handle.getUpdateHandle<String>("alias-add-kiwi").result() }
                    handle.signal("wake")
                    val next = workflow.tasks.poll()
                    val response = completeUpdate(
                        message, request,
                        dev.temporalkt.api.update.v1.Outcome.newBuilder().setSuccess(request.input.args).build(),
                    )
                    workflow.tasks.respond(next, listOf(protocolCommand(response.id)), listOf(response))
                    result.await() shouldBe "kiwi!"
                }

                handle.describe().workflowType shouldBe "Cart"
                handle.cancel("customer asked")
                handle.terminate("stuck cart")
                val events = handle.fetchHistory().events
                val accepted = events.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED }
                    .workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input
                accepted.header.fieldsMap.getValue("trace").data.toStringUtf8() shouldBe "\"u-1\""
                events.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED }
                    .workflowExecutionCancelRequestedEventAttributes.cause shouldBe "customer asked (intercepted)"
                events.last().workflowExecutionTerminatedEventAttributes.reason shouldBe "stuck cart (intercepted)"

                seen shouldContainExactly listOf(
                    "query contents", "update addItem", "poll update alias-add-kiwi", "describe",
                    "cancel customer asked", "terminate stuck cart", "history pageSize=0",
                )
            }
        }
    }

    test("dev server: an interceptor sees and changes list, count and schedule calls (dev server only)") {
        val seen = Collections.synchronizedList(mutableListOf<String>())
        val interceptor = RewritingInterceptor(seen)
        withClient(SharedServers.devServer().target, ClientOptions(interceptors = listOf(interceptor))) { client ->
            val key = SearchAttributeKey.forKeyword("CustomKeywordField")
            interceptor.tagValue = uniqueId("intercepted-list")
            val workflow = ScriptedWorkflow(client, "intercepted-list")
            val handle = client.startWorkflow<String>(
                "Listed", options = workflow.options.copy(searchAttributes = buildSearchAttributes { set(key, interceptor.tagValue) }),
            )
            // The query the caller wrote matches nothing; the interceptor puts the real value in.
            val query = "CustomKeywordField = 'PLACEHOLDER'"
            eventually(1.minutes) {
                client.listWorkflows(query).toList().map { it.workflowId } shouldBe listOf(workflow.workflowId)
            }
            client.countWorkflows(query).count shouldBe 1
            handle.terminate()

            val scheduleId = uniqueId("intercepted-schedule")
            val schedule = Schedule(
                action = ScheduleAction.StartWorkflow("Nightly", options = WorkflowOptions(uniqueId("nightly"), workflow.taskQueue)),
                spec = ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(every = 1.hours))),
            )
            val created = client.createSchedule(scheduleId, schedule)
            created.describe().memo.getValue("createdBy").data.toStringUtf8() shouldBe "\"interceptor\""
            created.delete()

            seen.filterNot { it.startsWith("terminate") }.distinct() shouldContainExactly listOf(
                "list CustomKeywordField = 'PLACEHOLDER'", "count CustomKeywordField = 'PLACEHOLDER'",
                "create schedule $scheduleId", "describe schedule $scheduleId", "delete schedule $scheduleId",
            )
        }
    }
})
