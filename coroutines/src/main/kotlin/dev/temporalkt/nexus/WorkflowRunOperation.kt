@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus

import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.workflow.WorkflowNames
import kotlin.reflect.KFunction
import kotlin.reflect.KType

/**
 * What a [NexusOperation] function returns to run the operation as a workflow: the worker starts workflow
 * [workflowType] with [args], attached to the Nexus request (its request id, its links, and the callback through
 * which the caller's server learns of the workflow's end). The operation starts asynchronously with a token naming
 * the workflow; when the workflow closes, its result (or failure, or cancellation) becomes the operation's outcome,
 * and a cancel request for the operation cancels the workflow.
 *
 * ```kotlin
 * @NexusOperation
 * suspend fun greetLater(name: String): WorkflowRunOperation<String> =
 *     WorkflowRunOperation.start(GreetingWorkflow::run, name, options = WorkflowRunOperationOptions(workflowId = "greet-$name"))
 * ```
 *
 * @param R the workflow's result type, which is the operation's result type.
 */
public class WorkflowRunOperation<out R> internal constructor(
    /** The workflow type to start. */
    public val workflowType: String,
    internal val args: List<Any?>,
    internal val argTypes: List<KType>,
    /** How to start the workflow. */
    public val options: WorkflowRunOperationOptions,
) {
    public companion object {
        /** Starts the workflow whose run function is [workflow] (such as `GreetingWorkflow::run`) with [args]. */
        public fun <R> start(
            workflow: KFunction<R>,
            vararg args: Any?,
            options: WorkflowRunOperationOptions,
        ): WorkflowRunOperation<R> {
            val types = FunctionReferences.of(workflow).parameterTypes
            require(types.size == args.size) {
                "Workflow ${workflow.name} takes ${types.size} argument(s) $types but the operation passed ${args.size}"
            }
            return WorkflowRunOperation(WorkflowNames.of(workflow), args.toList(), types, options)
        }

        /** Starts a workflow of type [workflowType]; arguments are encoded by their runtime class. */
        public fun <R> start(
            workflowType: String,
            vararg args: Any?,
            options: WorkflowRunOperationOptions,
        ): WorkflowRunOperation<R> {
            require(workflowType.isNotBlank()) { "A workflow-run operation needs a workflow type" }
            return WorkflowRunOperation(workflowType, args.toList(), args.map { PlainKType.ANY }, options)
        }
    }

    override fun toString(): String = "WorkflowRunOperation($workflowType, id=${options.workflowId})"
}
