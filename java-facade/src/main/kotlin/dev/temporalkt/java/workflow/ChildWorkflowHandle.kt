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
 * A started child workflow, from [Workflow.startChildWorkflow]: its result, signals to it, and its cancellation.
 *
 * ```java
 * return Workflow.startChildWorkflow(InvoiceWorkflow::run, order, options)
 *     .thenCompose(child -> child.signal(InvoiceWorkflow::addLine, line)
 *         .thenCompose(sent -> child.getResult()));
 * ```
 *
 * Cancelling the child ([cancel], or a cancellation of the scope it was started in) asks the server to cancel it; the
 * result then completes as the options' cancellation type says, with a
 * [dev.temporalkt.failure.ChildWorkflowFailure] caused by a [dev.temporalkt.failure.CanceledFailure].
 */
public class ChildWorkflowHandle<R> internal constructor(
    /** The child's workflow id. */
    public val workflowId: String,
    /** The run id of the child's first run. */
    public val firstExecutionRunId: String,
    private val result: WorkflowFuture<R>,
) {
    /**
     * The child's result: completes when the child closes, with its value or a
     * [dev.temporalkt.failure.ChildWorkflowFailure] (failed, timed out, terminated or cancelled).
     */
    public fun getResult(): WorkflowFuture<R> = result

    /** Requests cancellation of the child (see the class documentation). Idempotent. */
    public fun cancel() {
        result.cancel(false)
    }

    /**
     * Sends signal [signalName] with [args] (converted by their runtime class) to the child; the future completes once
     * it was delivered, or fails when it could not be.
     */
    public fun signal(signalName: String, vararg args: Any?): WorkflowFuture<Void?> = send(signalName, WorkflowFuture.args(args), null)

    /** Sends the signal handled by [signal] (a `@Signal` method of the child's class, such as `Invoice::addLine`). */
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

    private fun send(reference: Serializable, args: List<Any?>): WorkflowFuture<Void?> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.SIGNAL)
        return send(method.name, args, method.argTypesFor(args))
    }

    private fun send(name: String, args: List<Any?>, types: List<kotlin.reflect.KType>?): WorkflowFuture<Void?> {
        val run = CurrentWorkflow.get("ChildWorkflowHandle.signal")
        val argTypes = types ?: WorkflowFuture.runtimeTypes(args)
        return WorkflowFuture.launch(run, "the signal '$name' to child workflow $workflowId") {
            run.signalChild(workflowId, name, args, argTypes)
            null
        }
    }

    override fun toString(): String = "ChildWorkflowHandle($workflowId, firstRun=$firstExecutionRunId)"
}
