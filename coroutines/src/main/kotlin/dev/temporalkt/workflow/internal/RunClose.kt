@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.TemporalFailure
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.workflow.ContinueAsNewException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.ExperimentalCoroutinesApi

/*
 * How a run closes.
 *
 * The command that closes the run is *decided* when the run function's coroutine ends (or when a handler or the
 * constructor fails the run, see below), but *recorded* only once the activation's loop is quiescent: it is
 * appended after every other command of the activation. The run function and handlers often wake in the same
 * activation (a signal satisfies a condition both wait on), and handlers that go on after the run function returned
 * still emit commands in that activation: an update's response, a timer, an activity. Those go out before the close,
 * so the closing command is always the last one (the server rejects a completion where it is not), live and on
 * replay alike. Only the first decision counts. Whether handlers are left unfinished (and the warning about them) is
 * decided at the same point, so a handler that finishes later in the same activation is not reported. The close
 * is decided by how the run function's coroutine ends:
 * - a value: CompleteWorkflowExecution with the value encoded with the run function's declared return type;
 * - [ContinueAsNewException]: ContinueAsNewWorkflowExecution;
 * - after a CancelWorkflow job, a [CancellationException], a [CanceledFailure], or a failure caused by one
 *   (an activity or child cancelled along with the workflow): CancelWorkflowExecution;
 * - a [TemporalFailure] (such as [ApplicationFailure]) or an instance of a configured failure exception
 *   type: FailWorkflowExecution with the converted failure;
 * - anything else: the workflow *task* fails ([WorkflowActivationCompletion.Failed]) and the run stays open,
 *   so a fixed worker can continue it from history.
 *
 * The same rules apply to exceptions thrown by signal handlers, by the workflow's constructor, and by coroutines
 * nobody awaits (a `launch` in a `supervisorScope`, whose exception would otherwise only reach the coroutine exception
 * handler): an [ApplicationFailure] thrown there fails the run, not just the task. For an update handler, a failure
 * type rejects the update instead (before acceptance) or fails the update (after it).
 */

/** The run function's coroutine ended, with a value or [cause]: decides the close. */
@OptIn(ExperimentalCoroutinesApi::class)
internal fun WorkflowInstance.onMainCompleted(deferred: Deferred<Any?>, cause: Throwable?) {
    if (evicting || closed) return
    if (cause == null) {
        closeRun(WorkflowCommand.CompleteWorkflowExecution(encodeResult(deferred.getCompleted(), definition.run.returnType)))
    } else {
        closeRunWithFailure(cause)
    }
}

/** Code of the run threw [cause]: closes the run as the rules above say, or fails the task. */
internal fun WorkflowInstance.closeRunWithFailure(cause: Throwable) {
    when {
        cause is ContinueAsNewException -> closeRun(cause.command)
        cancelRequested && isCancellation(cause) -> closeRun(WorkflowCommand.CancelWorkflowExecution)
        failsExecution(cause) -> closeRun(WorkflowCommand.FailWorkflowExecution(toFailure(cause)))
        else -> failTask(cause)
    }
}

/** Decides the run's closing command; the first decision counts. [recordClose] records it. */
internal fun WorkflowInstance.closeRun(command: WorkflowCommand) {
    if (closed) return
    closed = true
    closingCommand = command
}

/**
 * Records the closing command decided in this activation after all of its other commands, once the loop is
 * quiescent, and warns about the handlers still running then and the signals no handler took.
 */
internal fun WorkflowInstance.recordClose() {
    val command = closingCommand ?: return
    closingCommand = null
    handlersIfCreated?.warnUnfinished()
    handlersIfCreated?.warnUnhandledSignals()
    emit(command)
}

private fun isCancellation(e: Throwable): Boolean =
    e is CancellationException || e is CanceledFailure || (e is TemporalFailure && e.cause is CanceledFailure)

/** Whether [e] fails the run (or an update) rather than the workflow task. */
internal fun WorkflowInstance.failsExecution(e: Throwable): Boolean =
    e is TemporalFailure ||
        definition.failureExceptionTypes.any { it.isInstance(e) } ||
        options.failureExceptionTypes.any { it.isInstance(e) }
