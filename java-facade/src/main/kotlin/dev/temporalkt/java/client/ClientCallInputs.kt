package dev.temporalkt.java.client

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.client.QueryRejectCondition
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.javaTypeOf
import java.lang.reflect.Type
import dev.temporalkt.client.PollWorkflowUpdateInput as KotlinPollWorkflowUpdateInput
import dev.temporalkt.client.QueryWorkflowInput as KotlinQueryWorkflowInput
import dev.temporalkt.client.SignalWorkflowInput as KotlinSignalWorkflowInput
import dev.temporalkt.client.StartUpdateWithStartInput as KotlinStartUpdateWithStartInput
import dev.temporalkt.client.StartWorkflowInput as KotlinStartWorkflowInput
import dev.temporalkt.client.StartWorkflowUpdateInput as KotlinStartWorkflowUpdateInput

// The inputs of the ClientOutboundInterceptor calls, for Java: arguments travel as values with their types, so that
// interceptors can read and change them; the last link converts them to payloads. The `with...` methods return a
// changed copy.

private fun checkArgs(args: List<Any?>, argTypes: List<Type>) {
    require(args.size == argTypes.size) { "Give one type per argument: ${args.size} argument(s), ${argTypes.size} type(s)" }
}

/**
 * Input of [ClientOutboundInterceptor.startWorkflow]: a start, or a signal-with-start when [startSignal] is set.
 * Memo values of [options] are already converted when the start comes from a Java client.
 */
public class StartWorkflowInput internal constructor(internal val kotlin: KotlinStartWorkflowInput) {
    /** The workflow type name. */
    public val workflowType: String get() = kotlin.workflowType

    /** The arguments. */
    public val args: List<Any?> get() = kotlin.args

    /** The types the arguments are converted with. */
    public val argTypes: List<Type> get() = Conversions.javaTypes(kotlin.argTypes)

    /** The type the result decodes to. */
    public val resultType: Type get() = javaTypeOf(kotlin.resultType)

    /** The start options. */
    public val options: WorkflowOptions get() = WorkflowOptions.of(kotlin.options)

    /** The headers sent with the start, which reach the workflow's inbound interceptors. */
    public val headers: Map<String, Payload> get() = kotlin.headers

    /** The signal sent with the start (signal-with-start), or `null`. */
    public val startSignal: String? get() = kotlin.startSignal

    /** The arguments of [startSignal]. */
    public val startSignalArgs: List<Any?> get() = kotlin.startSignalArgs

    /** The types [startSignalArgs] are converted with. */
    public val startSignalArgTypes: List<Type> get() = Conversions.javaTypes(kotlin.startSignalArgTypes)

    /** A copy with [headers] instead. */
    public fun withHeaders(headers: Map<String, Payload>): StartWorkflowInput = StartWorkflowInput(kotlin.copy(headers = headers.toMap()))

    /** A copy with [args] of [argTypes] instead. */
    public fun withArgs(args: List<Any?>, argTypes: List<Type>): StartWorkflowInput {
        checkArgs(args, argTypes)
        return StartWorkflowInput(kotlin.copy(args = args.toList(), argTypes = Conversions.kotlinTypes(argTypes)))
    }

    /** A copy with [options] instead. */
    public fun withOptions(options: WorkflowOptions): StartWorkflowInput = StartWorkflowInput(kotlin.copy(options = options.kotlin))

    override fun toString(): String = kotlin.toString()
}

/** Input of [ClientOutboundInterceptor.signalWorkflow]; a `null` [runId] targets the latest run. */
public class SignalWorkflowInput internal constructor(internal val kotlin: KotlinSignalWorkflowInput) {
    /** The workflow id. */
    public val workflowId: String get() = kotlin.workflowId

    /** The run id, or `null` for the latest run. */
    public val runId: String? get() = kotlin.runId

    /** The signal name. */
    public val signalName: String get() = kotlin.signalName

    /** The arguments. */
    public val args: List<Any?> get() = kotlin.args

    /** The types the arguments are converted with. */
    public val argTypes: List<Type> get() = Conversions.javaTypes(kotlin.argTypes)

    /** The headers sent with the signal. */
    public val headers: Map<String, Payload> get() = kotlin.headers

    /** A copy with [headers] instead. */
    public fun withHeaders(headers: Map<String, Payload>): SignalWorkflowInput = SignalWorkflowInput(kotlin.copy(headers = headers.toMap()))

    /** A copy with [args] of [argTypes] instead. */
    public fun withArgs(args: List<Any?>, argTypes: List<Type>): SignalWorkflowInput {
        checkArgs(args, argTypes)
        return SignalWorkflowInput(kotlin.copy(args = args.toList(), argTypes = Conversions.kotlinTypes(argTypes)))
    }

    override fun toString(): String = kotlin.toString()
}

/** Input of [ClientOutboundInterceptor.queryWorkflow]; a `null` [runId] targets the latest run. */
public class QueryWorkflowInput internal constructor(internal val kotlin: KotlinQueryWorkflowInput) {
    /** The workflow id. */
    public val workflowId: String get() = kotlin.workflowId

    /** The run id, or `null` for the latest run. */
    public val runId: String? get() = kotlin.runId

    /** The query name. */
    public val queryType: String get() = kotlin.queryType

    /** The arguments. */
    public val args: List<Any?> get() = kotlin.args

    /** The types the arguments are converted with. */
    public val argTypes: List<Type> get() = Conversions.javaTypes(kotlin.argTypes)

    /** The type the answer decodes to. */
    public val resultType: Type get() = javaTypeOf(kotlin.resultType)

    /** When the server refuses the query, or `null` for the server default. */
    public val rejectCondition: QueryRejectCondition? get() = kotlin.rejectCondition

    /** The headers sent with the query. */
    public val headers: Map<String, Payload> get() = kotlin.headers

    /** A copy with [headers] instead. */
    public fun withHeaders(headers: Map<String, Payload>): QueryWorkflowInput = QueryWorkflowInput(kotlin.copy(headers = headers.toMap()))

    /** A copy with [args] of [argTypes] instead. */
    public fun withArgs(args: List<Any?>, argTypes: List<Type>): QueryWorkflowInput {
        checkArgs(args, argTypes)
        return QueryWorkflowInput(kotlin.copy(args = args.toList(), argTypes = Conversions.kotlinTypes(argTypes)))
    }

    override fun toString(): String = kotlin.toString()
}

/** Input of [ClientOutboundInterceptor.startWorkflowUpdate]; updates with an id the workflow already saw are deduplicated. */
public class StartWorkflowUpdateInput internal constructor(internal val kotlin: KotlinStartWorkflowUpdateInput) {
    /** The workflow id. */
    public val workflowId: String get() = kotlin.workflowId

    /** The run id, or `null` for the latest run. */
    public val runId: String? get() = kotlin.runId

    /** The first run of the chain, or `null`. */
    public val firstExecutionRunId: String? get() = kotlin.firstExecutionRunId

    /** The update id. */
    public val updateId: String get() = kotlin.updateId

    /** The update name. */
    public val updateName: String get() = kotlin.updateName

    /** The arguments. */
    public val args: List<Any?> get() = kotlin.args

    /** The types the arguments are converted with. */
    public val argTypes: List<Type> get() = Conversions.javaTypes(kotlin.argTypes)

    /** The type the result decodes to. */
    public val resultType: Type get() = javaTypeOf(kotlin.resultType)

    /** The stage the call waits for. */
    public val waitForStage: WorkflowUpdateStage get() = kotlin.waitForStage

    /** The headers sent with the update. */
    public val headers: Map<String, Payload> get() = kotlin.headers

    /** A copy with [headers] instead. */
    public fun withHeaders(headers: Map<String, Payload>): StartWorkflowUpdateInput =
        StartWorkflowUpdateInput(kotlin.copy(headers = headers.toMap()))

    /** A copy with [args] of [argTypes] instead. */
    public fun withArgs(args: List<Any?>, argTypes: List<Type>): StartWorkflowUpdateInput {
        checkArgs(args, argTypes)
        return StartWorkflowUpdateInput(kotlin.copy(args = args.toList(), argTypes = Conversions.kotlinTypes(argTypes)))
    }

    override fun toString(): String = kotlin.toString()
}

/** Input of [ClientOutboundInterceptor.pollWorkflowUpdate]: the update whose outcome is awaited. */
public class PollWorkflowUpdateInput internal constructor(internal val kotlin: KotlinPollWorkflowUpdateInput) {
    /** The workflow id. */
    public val workflowId: String get() = kotlin.workflowId

    /** The run id the update was sent to, or `null` for the latest run. */
    public val runId: String? get() = kotlin.runId

    /** The update id. */
    public val updateId: String get() = kotlin.updateId

    /** The update name when known, or empty. */
    public val updateName: String get() = kotlin.updateName

    /** The type the result decodes to. */
    public val resultType: Type get() = javaTypeOf(kotlin.resultType)

    override fun toString(): String = kotlin.toString()
}

/** Input of [ClientOutboundInterceptor.startUpdateWithStartWorkflow]: the start and the update. */
public class StartUpdateWithStartInput internal constructor(internal val kotlin: KotlinStartUpdateWithStartInput) {
    /** The start. */
    public val start: StartWorkflowInput get() = StartWorkflowInput(kotlin.start)

    /** The update (its workflow id and run ids are ignored). */
    public val update: StartWorkflowUpdateInput get() = StartWorkflowUpdateInput(kotlin.update)

    /** A copy with [start] instead. */
    public fun withStart(start: StartWorkflowInput): StartUpdateWithStartInput = StartUpdateWithStartInput(kotlin.copy(start = start.kotlin))

    /** A copy with [update] instead. */
    public fun withUpdate(update: StartWorkflowUpdateInput): StartUpdateWithStartInput =
        StartUpdateWithStartInput(kotlin.copy(update = update.kotlin))

    override fun toString(): String = kotlin.toString()
}
