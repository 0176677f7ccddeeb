package dev.temporalkt.workflow.internal

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.workflow.WorkflowContext
import kotlinx.coroutines.DisposableHandle

/**
 * Calls [onMet] once [predicate] holds, as [WorkflowContext.waitCondition] would resume its caller (at the same
 * condition pass of the run's loop, queued on its dispatcher), but without a suspended coroutine: for workflow APIs
 * that hand out a callback-completed result instead of suspending, as the Java facade's futures. [onMet] gets `null`
 * when the predicate held, or the error the predicate threw or the run was torn down with. Disposing the returned
 * handle before then stops the wait, and [onMet] is not called. [api] names the caller in the errors thrown here (from
 * a query handler or update validator, or while the run is torn down).
 *
 * Call it on the run's loop thread, from workflow code.
 */
@InternalTemporalApi
public fun WorkflowContext.whenCondition(api: String, predicate: () -> Boolean, onMet: (Throwable?) -> Unit): DisposableHandle =
    (this as RunContext).whenCondition(api, predicate, onMet)
