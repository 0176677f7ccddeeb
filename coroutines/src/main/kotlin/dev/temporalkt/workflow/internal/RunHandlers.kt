@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.api.sdk.v1.WorkflowDefinition as WorkflowDefinitionProto
import dev.temporalkt.api.sdk.v1.WorkflowInteractionDefinition
import dev.temporalkt.api.sdk.v1.WorkflowMetadata
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.interceptor.HandleQueryInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.workflow.ContinueAsNewException
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import dev.temporalkt.workflow.QueryHandler
import dev.temporalkt.workflow.SignalHandler
import dev.temporalkt.workflow.UpdateHandler
import dev.temporalkt.workflow.UpdateInfo
import dev.temporalkt.workflow.UpdateInfoElement
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.lang.reflect.Type

/**
 * The signal, query and update handlers of one run, annotated or registered at run time, and the messages they
 * handle:
 * - a signal launches its handler as a new coroutine, or waits in a buffer until a handler for its name (or a
 *   dynamic one) is registered, then is delivered in arrival order;
 * - an update launches a coroutine that finds the handler, runs the validator when asked to, answers Accepted (or
 *   Rejected), runs the handler and answers Completed, or Rejected for a failure before acceptance;
 * - a query is answered at once from the current state, read-only, as are the built-in metadata and stack trace
 *   queries.
 *
 * It is created when the first message arrives or code registers a handler (or when the class has a dynamic
 * handler), so a run that sees none holds no handler map.
 */
internal class RunHandlers(private val run: WorkflowInstance) {
    private val definition = run.definition
    private val signals: HashMap<String, SignalHandler> = definition.signals.mapValuesTo(HashMap()) { (_, h) -> annotatedSignal(h) }
    private var dynamicSignal: SignalHandler? = definition.dynamicSignal?.let(::annotatedSignal)
    private var bufferedSignalsOrNull: ArrayList<ActivationJob.SignalWorkflow>? = null
    private val queries: HashMap<String, QueryHandler> = definition.queries.mapValuesTo(HashMap()) { (_, h) -> annotatedQuery(h) }
    private var dynamicQuery: QueryHandler? = definition.dynamicQuery?.let(::annotatedQuery)
    private val updates: HashMap<String, UpdateHandler> =
        definition.updates.mapValuesTo(HashMap()) { (name, h) -> annotatedUpdate(h, definition.validators[name]) }
    private var dynamicUpdate: UpdateHandler? = definition.dynamicUpdate?.let { annotatedUpdate(it, null) }
    private var runningOrNull: LinkedHashSet<RunningHandler>? = null
    private val running: LinkedHashSet<RunningHandler> get() = runningOrNull ?: LinkedHashSet<RunningHandler>().also { runningOrNull = it }

    /** A signal or update handler coroutine that has not finished yet. */
    private class RunningHandler(val kind: String, val name: String, val id: String?, val policy: HandlerUnfinishedPolicy) {
        override fun toString(): String = if (id == null) "$kind '$name'" else "$kind '$name' (id $id)"
    }

    private fun annotatedSignal(handler: HandlerDefinition) = SignalHandler(
        handler.unfinishedPolicy,
        description = handler.description,
        decode = { name, input -> run.decodeArguments(input, handler, name) },
        call = { _, args -> run.callUser(handler, args) },
    )

    private fun annotatedQuery(handler: HandlerDefinition) = QueryHandler(
        handler.returnType,
        description = handler.description,
        decode = { name, input -> run.decodeArguments(input, handler, name) },
        answer = { name, args -> run.callReadOnly("query handler '$name'", handler, args) },
    )

    private fun annotatedUpdate(handler: HandlerDefinition, validator: HandlerDefinition?) = UpdateHandler(
        policy = handler.unfinishedPolicy,
        description = handler.description,
        resultType = handler.returnType,
        decode = { name, input -> run.decodeArguments(input, handler, name) },
        validate = validator?.let { v -> { args -> run.callReadOnly("update validator '${v.name}'", v, args) } },
        run = { args -> run.callUser(handler, args) },
    )

    // ---- signals

    fun deliverSignal(job: ActivationJob.SignalWorkflow) {
        val handler = signals[job.signalName] ?: dynamicSignal
        if (handler == null || !run.hasWorkflowObject) {
            (bufferedSignalsOrNull ?: ArrayList<ActivationJob.SignalWorkflow>().also { bufferedSignalsOrNull = it }) += job
            return
        }
        val args = try {
            handler.decode(job.signalName, job.input)
        } catch (e: Exception) {
            // once per signal: not again when the run's history is replayed
            if (!run.isReplaying) {
                log.warn("Dropping signal '{}' of workflow '{}' (run '{}'): its arguments cannot be decoded", job.signalName, run.workflowId, run.runId, e)
            }
            return
        }
        val handling = RunningHandler("signal", job.signalName, null, handler.policy)
        running += handling
        run.scope.launch(CoroutineName("signal ${job.signalName}")) {
            try {
                run.interceptorChain.inbound.handleSignal(HandleSignalInput(job.signalName, args, job.headers.fieldsMap))
            } catch (e: Throwable) {
                if (!run.evicting) run.closeRunWithFailure(e)
            } finally {
                running -= handling
            }
        }
    }

    /** Runs the signal's handler: the end of the inbound interceptor chain. */
    suspend fun runSignalHandler(input: HandleSignalInput) {
        val handler = signals[input.signalName] ?: dynamicSignal
            ?: throw IllegalStateException("Workflow ${definition.name} has no handler for signal '${input.signalName}' any more")
        handler.call(input.signalName, input.args)
    }

    fun setSignalHandler(name: String?, handler: SignalHandler?) {
        run.requireMutable("Workflow.setSignalHandler")
        if (name == null) dynamicSignal = handler else if (handler == null) signals.remove(name) else signals[name] = handler
        if (handler == null) return
        val buffered = bufferedSignalsOrNull ?: return
        val ready = buffered.filter { name == null || it.signalName == name }
        buffered.removeAll(ready.toSet())
        if (buffered.isEmpty()) bufferedSignalsOrNull = null
        ready.forEach(::deliverSignal)
    }

    // ---- queries

    fun setQueryHandler(name: String?, handler: QueryHandler?) {
        if (name == null) dynamicQuery = handler else if (handler == null) queries.remove(name) else queries[name] = handler
    }

    /** Runs the query's handler: the end of the inbound interceptor chain. */
    fun runQueryHandler(input: HandleQueryInput): Any? {
        val handler = queries[input.queryType] ?: dynamicQuery
            ?: throw IllegalArgumentException("Workflow ${definition.name} has no handler for query '${input.queryType}'")
        return handler.answer(input.queryType, input.args)
    }

    fun answerQuery(job: ActivationJob.QueryWorkflow): WorkflowCommand.RespondToQuery {
        val outcome = try {
            when (job.queryType) {
                METADATA_QUERY -> QueryOutcome.Succeeded(run.payloadConverter.toPayload(metadata(), WorkflowMetadata::class.java as Type))
                STACK_TRACE_QUERY -> QueryOutcome.Succeeded(run.stringPayload(run.waitingDescription()))
                else -> {
                    val handler = queries[job.queryType] ?: dynamicQuery
                        ?: throw IllegalArgumentException(
                            "Workflow ${definition.name} has no handler for query '${job.queryType}'; " +
                                "known queries: ${queries.keys.sorted()}",
                        )
                    check(run.hasWorkflowObject) { "The workflow object does not exist: its constructor failed" }
                    val args = handler.decode(job.queryType, job.arguments)
                    val value = run.withReadOnly("a query handler") {
                        run.interceptorChain.inbound.handleQuery(HandleQueryInput(job.queryId, job.queryType, args, job.headers.fieldsMap))
                    }
                    QueryOutcome.Succeeded(run.encodeResult(value, handler.resultType))
                }
            }
        } catch (e: Throwable) {
            QueryOutcome.Failed(run.toFailure(unwrapInvocation(e)))
        }
        return WorkflowCommand.RespondToQuery(job.queryId, outcome)
    }

    /**
     * The answer to the built-in metadata query: the workflow type, the handlers registered now (annotated or set at
     * run time) with their descriptions, sorted by name, a dynamic handler first with an empty name, and the current
     * details.
     */
    private fun metadata(): WorkflowMetadata {
        fun definitions(named: Map<String, String>, dynamic: String?) = buildList {
            if (dynamic != null) add("" to dynamic)
            named.entries.sortedBy { it.key }.forEach { add(it.key to it.value) }
        }.map { (name, description) -> WorkflowInteractionDefinition.newBuilder().setName(name).setDescription(description).build() }
        val workflowDefinition = WorkflowDefinitionProto.newBuilder()
            .setType(run.workflowType)
            .addAllQueryDefinitions(definitions(queries.mapValues { it.value.description }, dynamicQuery?.description))
            .addAllSignalDefinitions(definitions(signals.mapValues { it.value.description }, dynamicSignal?.description))
            .addAllUpdateDefinitions(definitions(updates.mapValues { it.value.description }, dynamicUpdate?.description))
            .build()
        return WorkflowMetadata.newBuilder().setDefinition(workflowDefinition).setCurrentDetails(run.properties.currentDetails).build()
    }

    // ---- updates

    fun setUpdateHandler(name: String?, handler: UpdateHandler?) {
        run.requireMutable("Workflow.setUpdateHandler")
        if (name == null) dynamicUpdate = handler else if (handler == null) updates.remove(name) else updates[name] = handler
    }

    private fun updateHandlerFor(name: String): UpdateHandler =
        updates[name] ?: dynamicUpdate
            ?: throw IllegalStateException("Workflow ${definition.name} has no handler for update '$name' any more")

    /** Runs the update's validator, if it has one: the end of the inbound interceptor chain. */
    fun runUpdateValidator(input: HandleUpdateInput) {
        updateHandlerFor(input.updateName).validate?.invoke(input.args)
    }

    /** Runs the update's handler: the end of the inbound interceptor chain. */
    suspend fun runUpdateHandler(input: HandleUpdateInput): Any? = updateHandlerFor(input.updateName).run(input.args)

    /**
     * Launches the update's coroutine, which looks the handler up (so a handler registered by code that ran
     * earlier in this activation is found), runs the validator when asked to, answers Accepted, runs the handler
     * and answers Completed, or Rejected for a failure. A validator that breaks the read-only rule fails the
     * task; a non-failure exception from the handler after acceptance fails the task as well.
     */
    fun applyUpdate(job: ActivationJob.DoUpdate) {
        var handling: RunningHandler? = null
        run.scope.launch(CoroutineName("update ${job.name} (${job.id})") + UpdateInfoElement(UpdateInfo(job.id, job.name))) {
            var accepted = false
            try {
                val handler = updates[job.name] ?: dynamicUpdate
                if (handler == null || !run.hasWorkflowObject) {
                    throw ApplicationFailure(
                        "Workflow ${definition.name} has no handler for update '${job.name}'; known updates: ${updates.keys.sorted()}",
                        type = "UpdateHandlerNotFound",
                    )
                }
                handling = RunningHandler("update", job.name, job.id, handler.policy).also { running += it }
                val args = handler.decode(job.name, job.input)
                val input = HandleUpdateInput(job.id, job.name, args, job.headers.fieldsMap)
                if (job.runValidator) run.withReadOnly("an update validator") { run.interceptorChain.inbound.validateUpdate(input) }
                run.emit(WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Accepted))
                accepted = true
                val value = run.interceptorChain.inbound.handleUpdate(input)
                run.emit(WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Completed(run.encodeResult(value, handler.resultType))))
            } catch (e: Throwable) {
                val error = unwrapInvocation(e)
                when {
                    run.evicting -> Unit
                    error is ReadOnlyViolationException -> run.failTask(error)
                    error is ContinueAsNewException -> run.closeRun(error.command)
                    !accepted || run.failsExecution(error) || error is CancellationException ->
                        run.emit(WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Rejected(run.toFailure(error))))
                    else -> run.failTask(error)
                }
            } finally {
                handling?.let { running -= it }
            }
        }
    }

    // ---- handlers still running

    /** Whether no signal or update handler coroutine is running. */
    fun allFinished(): Boolean = runningOrNull.isNullOrEmpty()

    /** The handlers still running, for the stack trace query. */
    fun describeRunning(): List<String> = runningOrNull.orEmpty().map { "running $it" }

    /** Warns (live only) about the handlers still running as the run closes whose policy asks for it. */
    fun warnUnfinished() {
        val unfinished = runningOrNull.orEmpty().filter { it.policy == HandlerUnfinishedPolicy.WARN_AND_ABANDON }
        if (run.isReplaying || unfinished.isEmpty()) return
        log.warn(
            "Workflow {} (id '{}', run '{}') finished while handlers were still running: {}. Their work is abandoned " +
                "and callers of unfinished updates get an error instead of a result. Wait for them before returning " +
                "with Workflow.waitCondition { Workflow.allHandlersFinished() }, or, if abandoning them is fine, set " +
                "unfinishedPolicy = HandlerUnfinishedPolicy.ABANDON on their @Signal or @Update annotation.",
            run.workflowType, run.workflowId, run.runId, unfinished.joinToString(),
        )
    }

    /**
     * Warns (live only) about the signals kept for a handler that was never registered, as the run closes: they are
     * dropped with the run. A signal whose name has no handler (and no dynamic handler) is kept, not dropped, and
     * delivered when a handler for it is registered later (`Workflow.setSignalHandler`), as in the Python SDK.
     */
    fun warnUnhandledSignals() {
        val unhandled = bufferedSignalsOrNull
        if (run.isReplaying || unhandled.isNullOrEmpty()) return
        val counts = unhandled.groupingBy { it.signalName }.eachCount().entries.joinToString { (name, count) -> "'$name' ($count)" }
        log.warn(
            "Workflow {} (id '{}', run '{}') finished with signals no handler took: {}. They are dropped. Register a " +
                "handler for them (@Signal or Workflow.setSignalHandler) before the workflow returns, or a dynamic one.",
            run.workflowType, run.workflowId, run.runId, counts,
        )
    }

    private companion object {
        const val METADATA_QUERY = "__temporal_workflow_metadata"
        const val STACK_TRACE_QUERY = "__stack_trace"
        private val log = LoggerFactory.getLogger(WorkflowInstance::class.java)
    }
}
