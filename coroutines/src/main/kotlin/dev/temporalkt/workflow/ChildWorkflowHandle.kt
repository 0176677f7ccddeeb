package dev.temporalkt.workflow

import dev.temporalkt.common.ParentClosePolicy
import kotlin.reflect.KFunction

/**
 * A started child workflow, returned by [Workflow.startChildWorkflow]: await its result, signal it, or cancel it.
 *
 * ```kotlin
 * val child = Workflow.startChildWorkflow(InvoiceWorkflow::run, order, options = ChildWorkflowOptions())
 * child.signal(InvoiceWorkflow::addLine, line)
 * val invoice = child.result()
 * ```
 *
 * If the coroutine awaiting [result] is cancelled, the child is cancelled as well; [result] then waits for the
 * child's resolution as its [ChildWorkflowOptions.cancellationType] says and throws the resulting
 * [dev.temporalkt.failure.ChildWorkflowFailure].
 */
public interface ChildWorkflowHandle<out R> {
    /** The child's workflow id. */
    public val workflowId: String

    /** The run id of the child's first run. */
    public val firstExecutionRunId: String

    /**
     * Suspends until the child closes and returns its result.
     *
     * @throws dev.temporalkt.failure.ChildWorkflowFailure when the child failed, timed out, was terminated or cancelled.
     */
    public suspend fun result(): R

    /** Sends signal [signalName] with [args] (encoded by their runtime class) to the child. */
    public suspend fun signal(signalName: String, vararg args: Any?)

    /** Sends the signal that [signal] (a [Signal] handler of the child's class) handles, with [args]. */
    public suspend fun signal(signal: KFunction<*>, vararg args: Any?)

    /**
     * Requests cancellation of the child. Idempotent. What [result] does then, and whether a request is sent at all,
     * follows [ChildWorkflowOptions.cancellationType].
     *
     * A request is delivered only while this workflow is still running: the server drops the requests of a workflow
     * that has closed. A TRY_CANCEL request sent by a workflow that then completes in the same workflow task (it did
     * not wait for anything after cancelling) is recorded in its history before the completion but never reaches the
     * child, which is then left to [ChildWorkflowOptions.parentClosePolicy]: with [ParentClosePolicy.ABANDON] it keeps
     * running. To be sure the child is asked to cancel, use [ParentClosePolicy.REQUEST_CANCEL], or
     * WAIT_CANCELLATION_REQUESTED and await [result] before returning. (The embedded time-skipping test server
     * delivers the request anyway.)
     */
    public fun cancel()
}
