package dev.temporalkt.workflow

/**
 * Marks an update handler of a [Workflow] class: a plain or `suspend` function whose result (encoded with its
 * declared return type) is sent back to the caller. An optional [UpdateValidator] may reject the update
 * before it is accepted and recorded in history.
 *
 * The handler runs in its own coroutine on the workflow's dispatcher. If it throws an
 * [dev.temporalkt.failure.ApplicationFailure] (or a type listed in [Workflow.failureExceptionTypes]) the
 * update is rejected with that failure; any other exception fails the workflow task so a fix can be deployed.
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
