package dev.temporalkt.workflow

/**
 * Marks a signal handler of a [Workflow] class: a plain or `suspend` function returning `Unit`. Each signal
 * runs in its own coroutine on the workflow's dispatcher, before the main routine resumes in the same
 * workflow task. Signals that arrive before a handler exists for their name are buffered and delivered
 * once one is registered (see [Workflow.setSignalHandler]).
 *
 * With [dynamic] set, the handler receives every signal that has no handler of its own and must take
 * `(name: String, args: List<RawValue>)`.
 *
 * ```kotlin
 * @Signal
 * fun approve(approver: String) { approvedBy = approver }
 *
 * @Signal(name = "cancel-order", description = "Stops the order before shipping")
 * suspend fun cancelOrder() { cancelled = true }
 * ```
 *
 * @property name the signal name; empty means the function name.
 * @property description shown by tooling that lists the workflow's handlers.
 * @property unfinishedPolicy whether to warn when the workflow finishes while this handler still runs.
 * @property dynamic whether this handler receives signals of every name without a handler of their own.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Signal(
    val name: String = "",
    val description: String = "",
    val dynamic: Boolean = false,
    val unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
)
