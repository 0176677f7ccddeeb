@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.workflow

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.function.Proc1
import dev.temporalkt.java.function.Proc2
import dev.temporalkt.java.function.Proc3
import dev.temporalkt.java.function.Proc4
import dev.temporalkt.java.function.Proc5
import dev.temporalkt.java.function.Proc6
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import dev.temporalkt.workflow.CurrentWorkflow
import java.io.Serializable

/**
 * Another workflow, addressed by id, that this workflow can signal or ask to cancel; see
 * [Workflow.getExternalWorkflowHandle].
 *
 * ```java
 * Workflow.getExternalWorkflowHandle("order-42").signal(OrderWorkflow::approve, "manager");
 * ```
 */
public class ExternalWorkflowHandle internal constructor(
    /** The workflow id. */
    public val workflowId: String,
    /** The run id, or `null` for the current run of [workflowId]. */
    public val runId: String?,
) {
    /**
     * Sends signal [signalName] with [args] (converted by their runtime class); the future completes once it was
     * delivered and fails with a [dev.temporalkt.failure.TemporalFailure] when it could not be (no such workflow).
     */
    public fun signal(signalName: String, vararg args: Any?): WorkflowFuture<Void?> = send(signalName, WorkflowFuture.args(args), null)

    /** Sends the signal handled by [signal] (a `@Signal` method of the target's class, such as `Order::approve`). */
    public fun <W> signal(signal: Proc1<W>): WorkflowFuture<Void?> = send(signal, emptyList())

    /** Sends the signal handled by [signal] with [arg1]. */
    public fun <W, A1> signal(signal: Proc2<W, A1>, arg1: A1): WorkflowFuture<Void?> = send(signal, listOf(arg1))

    /** Sends the signal handled by [signal] with [arg1] and [arg2]. */
    public fun <W, A1, A2> signal(signal: Proc3<W, A1, A2>, arg1: A1, arg2: A2): WorkflowFuture<Void?> = send(signal, listOf(arg1, arg2))

    /** Sends the signal handled by [signal] with three arguments. */
    public fun <W, A1, A2, A3> signal(signal: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3): WorkflowFuture<Void?> =
        send(signal, listOf(arg1, arg2, arg3))

    /** Sends the signal handled by [signal] with four arguments. */
    public fun <W, A1, A2, A3, A4> signal(signal: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): WorkflowFuture<Void?> =
        send(signal, listOf(arg1, arg2, arg3, arg4))

    /** Sends the signal handled by [signal] with five arguments. */
    public fun <W, A1, A2, A3, A4, A5> signal(
        signal: Proc6<W, A1, A2, A3, A4, A5>,
        arg1: A1,
        arg2: A2,
        arg3: A3,
        arg4: A4,
        arg5: A5,
    ): WorkflowFuture<Void?> = send(signal, listOf(arg1, arg2, arg3, arg4, arg5))

    /**
     * Requests cancellation of the workflow; the future completes once the request was recorded and fails with a
     * [dev.temporalkt.failure.TemporalFailure] when it could not be delivered.
     */
    public fun cancel(): WorkflowFuture<Void?> {
        val run = CurrentWorkflow.get("ExternalWorkflowHandle.cancel")
        return WorkflowFuture.launch(run, "the cancel request to workflow $workflowId") {
            run.externalHandle(workflowId, runId).cancel()
            null
        }
    }

    private fun send(reference: Serializable, args: List<Any?>): WorkflowFuture<Void?> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.SIGNAL)
        return send(method.name, args, method.argTypesFor(args))
    }

    private fun send(name: String, args: List<Any?>, types: List<kotlin.reflect.KType>?): WorkflowFuture<Void?> {
        val run = CurrentWorkflow.get("ExternalWorkflowHandle.signal")
        val argTypes = types ?: WorkflowFuture.runtimeTypes(args)
        return WorkflowFuture.launch(run, "the signal '$name' to workflow $workflowId") {
            run.signalExternal(workflowId, runId, name, args, argTypes)
            null
        }
    }

    override fun toString(): String = "ExternalWorkflowHandle($workflowId, run=${runId ?: "current"})"
}
