package dev.temporalkt.client

/**
 * The answer of [Client.countWorkflows].
 *
 * ```kotlin
 * val count = client.countWorkflows("WorkflowType = 'Order' GROUP BY ExecutionStatus")
 * count.groups.forEach { println("${it.groupValues} ${it.count}") }   // [Running] 3
 * ```
 */
public data class WorkflowExecutionCount(
    /** The number of matching executions. */
    val count: Long,
    /** Per-group counts when the query has a `GROUP BY`, else empty. */
    val groups: List<Group>,
) {
    /** The count of one group. */
    public data class Group(
        /** The values of the grouped-by attributes (e.g. the status name "Running"). */
        val groupValues: List<Any?>,
        /** How many executions have these values. */
        val count: Long,
    )
}
