package dev.temporalkt.workflow

/**
 * Marks a query handler of a [Workflow] class. Queries are read-only: a handler must answer from the
 * workflow's state without suspending and without starting anything (timers, activities, child workflows,
 * patches, search attribute changes). A handler that tries fails the query with a message that says so,
 * and the workflow itself is not affected. The runtime guards the workflow APIs, not the class's own fields:
 * a handler that assigns a field changes the run in this worker only, not in its history, so a replay (on
 * another worker, or after eviction) would not see the change — never assign state in a query handler.
 *
 * With [dynamic] set, the handler answers every query type without a handler of its own and must take
 * `(name: String, args: List<RawValue>)`.
 *
 * ```kotlin
 * @Query
 * fun status(): String = status
 *
 * @Query(name = "items-over", description = "Items costing more than the given amount")
 * fun itemsOver(amount: Int): List<Item> = items.filter { it.price > amount }
 * ```
 *
 * @property name the query type; empty means the function name.
 * @property description shown by tooling that lists the workflow's handlers.
 * @property dynamic whether this handler answers queries of every type without a handler of their own.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Query(val name: String = "", val description: String = "", val dynamic: Boolean = false)
