package dev.temporalkt.workflow

/**
 * Marks an update handler of a [Workflow] class: a plain or `suspend` function whose result (encoded with its
 * declared return type) is sent back to the caller. An optional [UpdateValidator] may reject the update
 * before it is accepted and recorded in history.
 *
 * What the caller sees, and what history records, depends on where an exception is thrown:
 * - **The validator throws** (any exception): the update is *rejected*. It is never accepted, the handler does not
 *   run, nothing is recorded in history, and the caller gets a [dev.temporalkt.failure.WorkflowUpdateFailedException]
 *   whose cause is the converted exception. So do updates whose arguments cannot be decoded, or whose name has no
 *   handler.
 * - **The handler throws an [dev.temporalkt.failure.ApplicationFailure]** (or a type listed in
 *   [Workflow.failureExceptionTypes]): the update was *accepted* before the handler ran
 *   (`WorkflowExecutionUpdateAccepted` in history) and is then *completed with that failure*
 *   (`WorkflowExecutionUpdateCompleted` with a failure outcome); the caller gets a
 *   [dev.temporalkt.failure.WorkflowUpdateFailedException] whose cause is the failure. The run goes on.
 * - **The handler throws any other exception**: the workflow *task* fails, so nothing of that task (not even the
 *   acceptance) is recorded, the run stays open, and the server retries the task until a fixed worker handles the
 *   update; the caller keeps waiting.
 *
 * The handler runs in its own coroutine on the workflow's dispatcher.
 *
 * With [dynamic] set, the handler receives every update without a handler of its own and must take
 * `(name: String, args: List<RawValue>)`.
 *
 * ```kotlin
 * @Update
 * suspend fun addItem(item: Item): Int {
 *     lock.withLock { inventoryCheck(item) }
 *     items += item
 *     return items.size
 * }
 *
 * @UpdateValidator("addItem")
 * fun validateAddItem(item: Item) { require(item.quantity > 0) { "quantity must be positive" } }
 * ```
 *
 * @property name the update name; empty means the function name.
 * @property description shown by tooling that lists the workflow's handlers.
 * @property unfinishedPolicy whether to warn when the workflow finishes while this handler still runs.
 * @property dynamic whether this handler receives updates of every name without a handler of their own.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Update(
    val name: String = "",
    val description: String = "",
    val dynamic: Boolean = false,
    val unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
)
