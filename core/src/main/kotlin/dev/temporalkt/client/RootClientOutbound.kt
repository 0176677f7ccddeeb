@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.common.DeploymentProtos

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.HistoryEventFilterType
import dev.temporalkt.api.enums.v1.TaskQueueKind
import dev.temporalkt.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
import dev.temporalkt.api.errordetails.v1.MultiOperationExecutionFailure
import dev.temporalkt.api.errordetails.v1.QueryFailedFailure
import dev.temporalkt.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure
import dev.temporalkt.api.failure.v1.MultiOperationExecutionAborted
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.query.v1.WorkflowQuery
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.update.v1.Input
import dev.temporalkt.api.update.v1.Meta
import dev.temporalkt.api.update.v1.Request
import dev.temporalkt.api.update.v1.WaitPolicy
import dev.temporalkt.api.workflowservice.v1.CountWorkflowExecutionsRequest
import dev.temporalkt.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.ExecuteMultiOperationRequest
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.ListWorkflowExecutionsRequest
import dev.temporalkt.api.workflowservice.v1.QueryWorkflowRequest
import dev.temporalkt.api.workflowservice.v1.RecordActivityTaskHeartbeatByIdRequest
import dev.temporalkt.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest
import dev.temporalkt.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCanceledByIdRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCanceledRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedByIdRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskFailedByIdRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskFailedRequest
import dev.temporalkt.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.SignalWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.TerminateWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.UpdateWorkflowExecutionRequest
import dev.temporalkt.client.internal.PayloadEncoding
import dev.temporalkt.client.internal.isLongPollTimeout
import dev.temporalkt.client.internal.rpc
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.common.internal.toProtoDuration
import dev.temporalkt.converter.internal.NonPayloadTypes
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.failure.WorkflowAlreadyStartedException
import dev.temporalkt.failure.WorkflowQueryFailedException
import dev.temporalkt.failure.WorkflowQueryRejectedException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import java.util.UUID
import kotlin.reflect.typeOf

/** The last link of the client's outbound chain: builds the requests and sends them to the server. */
internal class RootClientOutbound(private val client: Client) : ClientOutboundInterceptor(null) {
    private val service get() = client.connection.workflowService
    private val converter get() = client.dataConverter
    private val namespace get() = client.namespace
    private val identity get() = client.identity

    override suspend fun startWorkflow(input: StartWorkflowInput): WorkflowHandle<Any?> {
        val options = input.options
        if (input.startSignal != null) {
            val request = signalWithStartRequest(input)
            val response = try {
                rpc { service.signalWithStartWorkflowExecution(request) }
            } catch (e: RpcException) {
                throw alreadyStarted(e, options.id, input.workflowType) ?: e
            }
            // The signaled run is the first of its chain only when this call started it, which the server tells (the
            // time-skipping test server never does, so its handles have no first run).
            return WorkflowHandle(client, options.id, null, response.runId, response.runId.takeIf { response.started }, input.resultType)
        }
        // Eager start needs a worker of this process that can take the first workflow task: without one the flag
        // is not sent, so the task goes through the task queue as usual.
        val eagerSlot = if (options.requestEagerStart) {
            EagerWorkflowDispatch.reserve(client.connection, namespace, options.taskQueue)
        } else {
            null
        }
        val response = try {
            val request = startRequest(input).let { if (eagerSlot != null) it.toBuilder().setRequestEagerExecution(true).build() else it }
            rpc { service.startWorkflowExecution(request) }
        } catch (e: Throwable) {
            eagerSlot?.release()
            if (e is RpcException) throw alreadyStarted(e, options.id, input.workflowType) ?: e
            throw e
        }
        val eager = eagerSlot != null && response.hasEagerWorkflowTask()
        if (eager) eagerSlot!!.dispatch(response.eagerWorkflowTask) else eagerSlot?.release()
        return WorkflowHandle(
            client, options.id, null, response.runId, startedRunId(response.runId, response.started, options.idConflictPolicy),
            input.resultType, startedEagerly = eager,
        )
    }

    /**
     * The first run of the chain a start call's handle belongs to: the run it started. A start that used a running
     * workflow ([WorkflowIdConflictPolicy.USE_EXISTING], reported by `started = false`) started none, and that run may
     * be a later one of its chain, so the handle gets no first run. Other policies start a run whenever the call
     * succeeds, even on servers that do not report `started`.
     */
    private fun startedRunId(runId: String, started: Boolean, policy: WorkflowIdConflictPolicy): String? =
        runId.takeIf { started || policy != WorkflowIdConflictPolicy.USE_EXISTING }

    private fun alreadyStarted(e: RpcException, workflowId: String, workflowType: String): WorkflowAlreadyStartedException? {
        if (e.code != RpcStatusCode.ALREADY_EXISTS) return null
        val runId = e.detail<WorkflowExecutionAlreadyStartedFailure>()?.runId?.ifEmpty { null }
        return WorkflowAlreadyStartedException(workflowId, workflowType, runId, e)
    }

    private suspend fun startRequest(input: StartWorkflowInput): StartWorkflowExecutionRequest {
        val options = input.options
        val builder = StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setIdentity(identity)
            .setRequestId(options.requestId ?: UUID.randomUUID().toString())
            .setWorkflowId(options.id)
            .setWorkflowType(WorkflowType.newBuilder().setName(input.workflowType))
            .setTaskQueue(TaskQueue.newBuilder().setName(options.taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
            .setWorkflowIdReusePolicy(options.idReusePolicy.proto)
            .setCronSchedule(options.cronSchedule)
        NonPayloadTypes.checkArguments("workflow '${input.workflowType}' (id '${options.id}')", input.args)
        if (input.args.isNotEmpty() || input.argTypes.isNotEmpty()) builder.setInput(converter.encode(input.args, input.argTypes))
        options.executionTimeout?.let { builder.setWorkflowExecutionTimeout(it.toProtoDuration()) }
        options.runTimeout?.let { builder.setWorkflowRunTimeout(it.toProtoDuration()) }
        options.taskTimeout?.let { builder.setWorkflowTaskTimeout(it.toProtoDuration()) }
        options.startDelay?.let { builder.setWorkflowStartDelay(it.toProtoDuration()) }
        if (options.idConflictPolicy != WorkflowIdConflictPolicy.UNSPECIFIED) builder.setWorkflowIdConflictPolicy(options.idConflictPolicy.proto)
        options.retryPolicy?.let { builder.setRetryPolicy(it.toProto()) }
        if (options.memo.isNotEmpty()) builder.setMemo(PayloadEncoding.memo(converter, options.memo))
        if (!options.searchAttributes.isEmpty()) builder.setSearchAttributes(options.searchAttributes.toProto())
        if (input.headers.isNotEmpty()) builder.setHeader(PayloadEncoding.header(input.headers))
        userMetadata(options.staticSummary, options.staticDetails)?.let { builder.setUserMetadata(it) }
        options.versioningOverride?.let { builder.setVersioningOverride(DeploymentProtos.toProto(it)) }
        return builder.build()
    }

    private suspend fun signalWithStartRequest(input: StartWorkflowInput): SignalWithStartWorkflowExecutionRequest {
        val start = startRequest(input)
        val builder = SignalWithStartWorkflowExecutionRequest.newBuilder()
            .setNamespace(start.namespace)
            .setIdentity(start.identity)
            .setRequestId(start.requestId)
            .setWorkflowId(start.workflowId)
            .setWorkflowType(start.workflowType)
            .setTaskQueue(start.taskQueue)
            .setWorkflowIdReusePolicy(start.workflowIdReusePolicy)
            .setWorkflowIdConflictPolicy(start.workflowIdConflictPolicy)
            .setCronSchedule(start.cronSchedule)
            .setSignalName(input.startSignal)
        if (start.hasInput()) builder.setInput(start.input)
        if (start.hasWorkflowExecutionTimeout()) builder.setWorkflowExecutionTimeout(start.workflowExecutionTimeout)
        if (start.hasWorkflowRunTimeout()) builder.setWorkflowRunTimeout(start.workflowRunTimeout)
        if (start.hasWorkflowTaskTimeout()) builder.setWorkflowTaskTimeout(start.workflowTaskTimeout)
        if (start.hasWorkflowStartDelay()) builder.setWorkflowStartDelay(start.workflowStartDelay)
        if (start.hasRetryPolicy()) builder.setRetryPolicy(start.retryPolicy)
        if (start.hasMemo()) builder.setMemo(start.memo)
        if (start.hasSearchAttributes()) builder.setSearchAttributes(start.searchAttributes)
        if (start.hasHeader()) builder.setHeader(start.header)
        if (start.hasUserMetadata()) builder.setUserMetadata(start.userMetadata)
        if (start.hasVersioningOverride()) builder.setVersioningOverride(start.versioningOverride)
        NonPayloadTypes.checkArguments("signal '${input.startSignal}' of workflow '${start.workflowId}'", input.startSignalArgs)
        if (input.startSignalArgs.isNotEmpty()) {
            builder.setSignalInput(converter.encode(input.startSignalArgs, input.startSignalArgTypes))
        }
        return builder.build()
    }

    private suspend fun userMetadata(summary: String?, details: String?): UserMetadata? {
        if (summary == null && details == null) return null
        val builder = UserMetadata.newBuilder()
        summary?.let { builder.setSummary(converter.encodeValue(it, typeOf<String>())) }
        details?.let { builder.setDetails(converter.encodeValue(it, typeOf<String>())) }
        return builder.build()
    }

    private fun execution(workflowId: String, runId: String?): WorkflowExecution =
        WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId.orEmpty()).build()

    override suspend fun signalWorkflow(input: SignalWorkflowInput) {
        val builder = SignalWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setIdentity(identity)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowExecution(execution(input.workflowId, input.runId))
            .setSignalName(input.signalName)
        NonPayloadTypes.checkArguments("signal '${input.signalName}' of workflow '${input.workflowId}'", input.args)
        if (input.args.isNotEmpty()) builder.setInput(converter.encode(input.args, input.argTypes))
        if (input.headers.isNotEmpty()) builder.setHeader(PayloadEncoding.header(input.headers))
        rpc { service.signalWorkflowExecution(builder.build()) }
    }

    override suspend fun queryWorkflow(input: QueryWorkflowInput): Any? {
        NonPayloadTypes.checkArguments("query '${input.queryType}' of workflow '${input.workflowId}'", input.args)
        val query = WorkflowQuery.newBuilder().setQueryType(input.queryType)
        if (input.args.isNotEmpty()) query.setQueryArgs(converter.encode(input.args, input.argTypes))
        if (input.headers.isNotEmpty()) query.setHeader(PayloadEncoding.header(input.headers))
        val builder = QueryWorkflowRequest.newBuilder()
            .setNamespace(namespace)
            .setExecution(execution(input.workflowId, input.runId))
            .setQuery(query)
        input.rejectCondition?.let { builder.setQueryRejectCondition(it.proto) }
        val response = try {
            rpc { service.queryWorkflow(builder.build()) }
        } catch (e: RpcException) {
            val failed = e.detail<QueryFailedFailure>()
            if (failed != null || e.code == RpcStatusCode.INVALID_ARGUMENT) {
                val cause = if (failed != null && failed.hasFailure()) converter.decodeFailure(failed.failure) else e
                throw WorkflowQueryFailedException(input.workflowId, input.runId, input.queryType, e.rpcMessage, cause)
            }
            throw e
        }
        if (response.hasQueryRejected()) {
            throw WorkflowQueryRejectedException(
                input.workflowId, input.runId, WorkflowExecutionStatus.fromProto(response.queryRejected.status),
            )
        }
        return PayloadEncoding.decodeResult(converter, response.queryResult, input.resultType)
    }

    private suspend fun updateRequest(input: StartWorkflowUpdateInput, withStart: Boolean): UpdateWorkflowExecutionRequest {
        NonPayloadTypes.checkArguments("update '${input.updateName}' of workflow '${input.workflowId}'", input.args)
        val updateInput = Input.newBuilder().setName(input.updateName)
        if (input.args.isNotEmpty()) updateInput.setArgs(converter.encode(input.args, input.argTypes))
        if (input.headers.isNotEmpty()) updateInput.setHeader(PayloadEncoding.header(input.headers))
        val builder = UpdateWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setWorkflowExecution(execution(input.workflowId, if (withStart) null else input.runId))
            .setWaitPolicy(WaitPolicy.newBuilder().setLifecycleStage(input.waitForStage.proto))
            .setRequest(
                Request.newBuilder()
                    .setMeta(Meta.newBuilder().setUpdateId(input.updateId).setIdentity(identity))
                    .setInput(updateInput),
            )
        if (!withStart) input.firstExecutionRunId?.let { builder.setFirstExecutionRunId(it) }
        return builder.build()
    }

    override suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> {
        val request = updateRequest(input, withStart = false)
        while (true) {
            // A response before the update was accepted (e.g. the server's long-poll timeout) carries no
            // decision yet: send the same request again, which attaches to the same update id.
            val response = try {
                rpc { service.updateWorkflowExecution(request) }
            } catch (e: RpcException) {
                if (isLongPollTimeout(e)) continue
                throw UpdateResults.notFound(e, input.workflowId, input.runId, input.updateName, input.updateId) ?: e
            }
            if (response.stage.number < ACCEPTED && !response.hasOutcome()) continue
            return WorkflowUpdateHandle(
                client, input.workflowId, response.updateRef.workflowExecution.runId.ifEmpty { input.runId },
                input.updateId, input.resultType, input.updateName, if (response.hasOutcome()) response.outcome else null,
            )
        }
    }

    override suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? = UpdateResults.poll(client, input)

    override suspend fun startUpdateWithStartWorkflow(input: StartUpdateWithStartInput): UpdateWithStartResult {
        val start = startRequest(input.start)
        val update = updateRequest(input.update.copy(workflowId = start.workflowId), withStart = true)
        val request = ExecuteMultiOperationRequest.newBuilder()
            .setNamespace(namespace)
            .addOperations(ExecuteMultiOperationRequest.Operation.newBuilder().setStartWorkflow(start))
            .addOperations(ExecuteMultiOperationRequest.Operation.newBuilder().setUpdateWorkflow(update))
            .build()
        while (true) {
            val response = try {
                rpc { service.executeMultiOperation(request) }
            } catch (e: RpcException) {
                if (isLongPollTimeout(e)) continue
                throw multiOperationError(e, input.start, input.update.copy(workflowId = start.workflowId))
            }
            check(response.responsesCount == 2) {
                "The server answered update-with-start with ${response.responsesCount} responses instead of 2"
            }
            val started = response.getResponses(0).startWorkflow
            val updated = response.getResponses(1).updateWorkflow
            if (updated.stage.number < ACCEPTED && !updated.hasOutcome()) continue
            val runId = started.runId
            val firstRunId = startedRunId(runId, started.started, input.start.options.idConflictPolicy)
            val workflow = WorkflowHandle<Any?>(client, start.workflowId, null, runId, firstRunId, input.start.resultType)
            val updateHandle = WorkflowUpdateHandle<Any?>(
                client, start.workflowId, runId, input.update.updateId, input.update.resultType, input.update.updateName,
                if (updated.hasOutcome()) updated.outcome else null,
            )
            return UpdateWithStartResult(workflow, updateHandle)
        }
    }

    /** The error of the operation that failed (the others report that they were aborted because of it). */
    private fun multiOperationError(e: RpcException, start: StartWorkflowInput, update: StartWorkflowUpdateInput): Throwable {
        val failure = e.detail<MultiOperationExecutionFailure>() ?: return e
        val index = failure.statusesList.indexOfFirst { status ->
            status.code != 0 && status.detailsList.none { it.`is`(MultiOperationExecutionAborted::class.java) }
        }
        if (index < 0) return e
        val status = failure.getStatuses(index)
        val statusProto = com.google.rpc.Status.newBuilder()
            .setCode(status.code).setMessage(status.message).addAllDetails(status.detailsList).build()
        val operationError = RpcException(RpcStatusCode.fromValue(status.code), status.message, statusProto.takeIf { it.detailsCount > 0 }, e)
        // Only the start operation (the first) can fail because the workflow exists; the update (the second) fails with
        // NOT_FOUND when the run closes before handling it.
        val typed = when (index) {
            0 -> alreadyStarted(operationError, update.workflowId, start.workflowType)
            1 -> UpdateResults.notFound(operationError, update.workflowId, null, update.updateName, update.updateId)
            else -> null
        }
        return typed ?: operationError
    }

    override suspend fun describeWorkflow(input: DescribeWorkflowInput): WorkflowExecutionDescription {
        val response = rpc {
            service.describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setExecution(execution(input.workflowId, input.runId))
                    .build(),
            )
        }
        return WorkflowExecutionDescription(response.workflowExecutionInfo, response, converter)
    }

    override suspend fun cancelWorkflow(input: CancelWorkflowInput) {
        val builder = RequestCancelWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setIdentity(identity)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowExecution(execution(input.workflowId, input.runId))
            .setFirstExecutionRunId(input.firstExecutionRunId.orEmpty())
            .setReason(input.reason)
        rpc { service.requestCancelWorkflowExecution(builder.build()) }
    }

    override suspend fun terminateWorkflow(input: TerminateWorkflowInput) {
        val builder = TerminateWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setIdentity(identity)
            .setWorkflowExecution(execution(input.workflowId, input.runId))
            .setFirstExecutionRunId(input.firstExecutionRunId.orEmpty())
            .setReason(input.reason)
        if (!input.details.isEmpty()) {
            val payloads = Payloads.newBuilder().addAllPayloads(input.details.toPayloads(converter.payloadConverter)).build()
            builder.setDetails(converter.encodePayloads(payloads))
        }
        rpc { service.terminateWorkflowExecution(builder.build()) }
    }

    override fun fetchWorkflowHistoryEvents(input: FetchWorkflowHistoryEventsInput): Flow<HistoryEvent> = flow {
        var token = ByteString.EMPTY
        while (true) {
            val builder = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(namespace)
                .setExecution(execution(input.workflowId, input.runId))
                .setMaximumPageSize(input.pageSize)
                .setNextPageToken(token)
                .setWaitNewEvent(input.waitNewEvent)
                .setSkipArchival(input.waitNewEvent)
            if (input.closeEventOnly) builder.setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
            val response = try {
                rpc { service.getWorkflowExecutionHistory(builder.build()) }
            } catch (e: RpcException) {
                if (input.waitNewEvent && isLongPollTimeout(e)) continue
                throw e
            }
            for (event in response.history.eventsList) emit(event)
            if (response.nextPageToken.isEmpty) {
                // A wait for the close event answered with nothing and no page token is a long poll that ran out (the
                // embedded test server answers so): the run is still open, so wait again.
                if (input.closeEventOnly && input.waitNewEvent && response.history.eventsCount == 0) continue
                return@flow
            }
            token = response.nextPageToken
        }
    }

    override fun listWorkflows(input: ListWorkflowsInput): Flow<WorkflowExecutionDescription> = flow {
        var token = ByteString.EMPTY
        var emitted = 0
        if (input.limit == 0) return@flow
        while (true) {
            val response = rpc {
                service.listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(namespace)
                        .setQuery(input.query)
                        .setPageSize(input.pageSize)
                        .setNextPageToken(token)
                        .build(),
                )
            }
            for (info in response.executionsList) {
                emit(WorkflowExecutionDescription(info, null, converter))
                emitted++
                if (input.limit != null && emitted >= input.limit) return@flow
            }
            if (response.nextPageToken.isEmpty) return@flow
            token = response.nextPageToken
        }
    }

    override suspend fun countWorkflows(input: CountWorkflowsInput): WorkflowExecutionCount {
        val response = rpc {
            service.countWorkflowExecutions(
                CountWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setQuery(input.query).build(),
            )
        }
        val groups = response.groupsList.map { group ->
            WorkflowExecutionCount.Group(
                group.groupValuesList.map { converter.payloadConverter.fromPayload(it, typeOf<Any?>()) },
                group.count,
            )
        }
        return WorkflowExecutionCount(response.count, groups)
    }

    override suspend fun heartbeatAsyncActivity(input: HeartbeatAsyncActivityInput) {
        val details = if (input.details.isEmpty()) null else converter.encode(input.details, input.detailTypes)
        val response = when (val activity = input.activity) {
            is AsyncActivityId.TaskToken -> rpc {
                service.recordActivityTaskHeartbeat(
                    RecordActivityTaskHeartbeatRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setTaskToken(activity.bytes).also { if (details != null) it.setDetails(details) }.build(),
                )
            }.let { Triple(it.cancelRequested, it.activityPaused, it.activityReset) }
            is AsyncActivityId.ById -> rpc {
                service.recordActivityTaskHeartbeatById(
                    RecordActivityTaskHeartbeatByIdRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setWorkflowId(activity.workflowId).setRunId(activity.runId.orEmpty()).setActivityId(activity.activityId)
                        .also { if (details != null) it.setDetails(details) }.build(),
                )
            }.let { Triple(it.cancelRequested, it.activityPaused, it.activityReset) }
        }
        when {
            response.first -> throw AsyncActivityCanceledException(AsyncActivityCanceledException.Reason.CANCEL_REQUESTED)
            response.second -> throw AsyncActivityCanceledException(AsyncActivityCanceledException.Reason.PAUSED)
            response.third -> throw AsyncActivityCanceledException(AsyncActivityCanceledException.Reason.RESET)
        }
    }

    override suspend fun completeAsyncActivity(input: CompleteAsyncActivityInput) {
        val result = converter.encode(listOf(input.result), listOf(input.resultType))
        when (val activity = input.activity) {
            is AsyncActivityId.TaskToken -> rpc {
                service.respondActivityTaskCompleted(
                    RespondActivityTaskCompletedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setTaskToken(activity.bytes).setResult(result).build(),
                )
            }
            is AsyncActivityId.ById -> rpc {
                service.respondActivityTaskCompletedById(
                    RespondActivityTaskCompletedByIdRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setWorkflowId(activity.workflowId).setRunId(activity.runId.orEmpty()).setActivityId(activity.activityId)
                        .setResult(result).build(),
                )
            }
        }
    }

    override suspend fun failAsyncActivity(input: FailAsyncActivityInput) {
        val failure = converter.encodeFailure(input.error)
        val details = if (input.lastHeartbeatDetails.isEmpty()) null else converter.encode(input.lastHeartbeatDetails, input.lastHeartbeatDetailTypes)
        when (val activity = input.activity) {
            is AsyncActivityId.TaskToken -> rpc {
                service.respondActivityTaskFailed(
                    RespondActivityTaskFailedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setTaskToken(activity.bytes).setFailure(failure)
                        .also { if (details != null) it.setLastHeartbeatDetails(details) }.build(),
                )
            }
            is AsyncActivityId.ById -> rpc {
                service.respondActivityTaskFailedById(
                    RespondActivityTaskFailedByIdRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setWorkflowId(activity.workflowId).setRunId(activity.runId.orEmpty()).setActivityId(activity.activityId)
                        .setFailure(failure).also { if (details != null) it.setLastHeartbeatDetails(details) }.build(),
                )
            }
        }
    }

    override suspend fun reportCancellationAsyncActivity(input: ReportCancellationAsyncActivityInput) {
        val details = if (input.details.isEmpty()) null else converter.encode(input.details, input.detailTypes)
        when (val activity = input.activity) {
            is AsyncActivityId.TaskToken -> rpc {
                service.respondActivityTaskCanceled(
                    RespondActivityTaskCanceledRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setTaskToken(activity.bytes).also { if (details != null) it.setDetails(details) }.build(),
                )
            }
            is AsyncActivityId.ById -> rpc {
                service.respondActivityTaskCanceledById(
                    RespondActivityTaskCanceledByIdRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                        .setWorkflowId(activity.workflowId).setRunId(activity.runId.orEmpty()).setActivityId(activity.activityId)
                        .also { if (details != null) it.setDetails(details) }.build(),
                )
            }
        }
    }

    private companion object {
        val ACCEPTED: Int = UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED.number
    }
}
