package dev.temporalkt.nexus

import dev.temporalkt.workflow.WorkflowNames
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.typeOf

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
            val types = workflow.parameters.filter { it.kind == KParameter.Kind.VALUE }.map { it.type }
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
            return WorkflowRunOperation(workflowType, args.toList(), args.map { typeOf<Any?>() }, options)
        }
    }

    override fun toString(): String = "WorkflowRunOperation($workflowType, id=${options.workflowId})"
}
