package dev.temporalkt.worker.interceptor

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.ContinueAsNewOptions
import dev.temporalkt.workflow.LocalActivityOptions
import kotlin.reflect.KType

// The inputs of the workflow interceptor calls. Inbound arguments are the decoded values the handler is called with
// (for a dynamic handler: the name and the list of RawValue); outbound arguments travel with their types and are
// converted to payloads by the last link. Headers are the payloads sent and received as they are.

/** Input of [WorkflowInboundInterceptor.executeWorkflow]: the run function's arguments and the start's headers. */
public data class ExecuteWorkflowInput(
    val workflowType: String,
    val args: List<Any?>,
    val headers: Map<String, Payload>,
)

/** Input of [WorkflowInboundInterceptor.handleSignal]. */
public data class HandleSignalInput(
    val signalName: String,
    val args: List<Any?>,
    val headers: Map<String, Payload>,
)

/** Input of [WorkflowInboundInterceptor.handleQuery]. */
public data class HandleQueryInput(
    val queryId: String,
    val queryType: String,
    val args: List<Any?>,
    val headers: Map<String, Payload>,
)

/** Input of [WorkflowInboundInterceptor.validateUpdate] and [WorkflowInboundInterceptor.handleUpdate]. */
public data class HandleUpdateInput(
    val updateId: String,
    val updateName: String,
    val args: List<Any?>,
    val headers: Map<String, Payload>,
)

/** Input of [WorkflowOutboundInterceptor.startActivity]. */
public data class StartActivityInput(
    val activityType: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val resultType: KType,
    val options: ActivityOptions,
    val headers: Map<String, Payload> = emptyMap(),
)

/** Input of [WorkflowOutboundInterceptor.startLocalActivity]. */
public data class StartLocalActivityInput(
    val activityType: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val resultType: KType,
    val options: LocalActivityOptions,
    val headers: Map<String, Payload> = emptyMap(),
)

/** Input of [WorkflowOutboundInterceptor.startChildWorkflow]. */
public data class StartChildWorkflowInput(
    val workflowType: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val resultType: KType,
    val options: ChildWorkflowOptions,
    val headers: Map<String, Payload> = emptyMap(),
)

/** Input of [WorkflowOutboundInterceptor.signalChildWorkflow]. */
public data class SignalChildWorkflowInput(
    val childWorkflowId: String,
    val signalName: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val headers: Map<String, Payload> = emptyMap(),
)

/** Input of [WorkflowOutboundInterceptor.signalExternalWorkflow]; `runId = null` targets the latest run. */
public data class SignalExternalWorkflowInput(
    val namespace: String,
    val workflowId: String,
    val runId: String?,
    val signalName: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val headers: Map<String, Payload> = emptyMap(),
)

/**
 * Input of [WorkflowOutboundInterceptor.continueAsNew].
 *
 * @property workflowType the new run's workflow type; `null` for this run's.
 */
public data class ContinueAsNewInput(
    val workflowType: String?,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val options: ContinueAsNewOptions,
    val headers: Map<String, Payload> = emptyMap(),
)

/**
 * Input of [WorkflowOutboundInterceptor.startNexusOperation].
 *
 * @property argument the operation's input, converted to a payload as [argumentType] by the last link (no payload
 *   for [Unit]).
 * @property resultType the type the operation's result is decoded as.
 * @property headers the Nexus headers sent with the operation request; starts as [NexusOperationOptions.headers],
 *   and what the last link receives is what is sent (the options' headers are then not looked at again).
 */
public data class StartNexusOperationInput(
    val endpoint: String,
    val service: String,
    val operation: String,
    val argument: Any?,
    val argumentType: KType,
    val resultType: KType,
    val options: NexusOperationOptions,
    val headers: Map<String, String> = options.headers,
)
