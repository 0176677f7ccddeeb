package dev.temporalkt.java.client

/**
 * Which workflow executions to list: a visibility query (e.g. `WorkflowType = 'Order' AND ExecutionStatus =
 * 'Running'`; empty lists all), the page size and a limit on the number of executions.
 *
 * ```java
 * ListWorkflowsOptions options = ListWorkflowsOptions.newBuilder()
 *     .query("WorkflowType = 'Order'")
 *     .limit(100)
 *     .build();
 * ```
 */
public class ListWorkflowsOptions private constructor(builder: Builder) {
    /** The visibility query; empty = all executions. */
    public val query: String = builder.query

    /** The page size asked of the server; 0 = the server's default. */
    public val pageSize: Int = builder.pageSize

    /** The most executions to return, or `null` for all of them. */
    public val limit: Int? = builder.limit

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder().query(query).pageSize(pageSize).limit(limit)

    override fun toString(): String = "ListWorkflowsOptions(query=$query, pageSize=$pageSize, limit=$limit)"

    /** Builds [ListWorkflowsOptions]. */
    public class Builder internal constructor() {
        internal var query: String = ""
        internal var pageSize: Int = 0
        internal var limit: Int? = null

        /** Sets the visibility query; empty = all executions. */
        public fun query(query: String): Builder = apply { this.query = query }

        /** Sets the page size asked of the server; 0 = the server's default. */
        public fun pageSize(pageSize: Int): Builder = apply { this.pageSize = pageSize }

        /** Sets the most executions to return; `null` for all. */
        public fun limit(limit: Int?): Builder = apply { this.limit = limit }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException when the page size or limit is negative.
         */
        public fun build(): ListWorkflowsOptions {
            require(pageSize >= 0) { "pageSize must not be negative (0 = server default), was $pageSize" }
            require(limit == null || limit!! >= 0) { "limit must not be negative, was $limit" }
            return ListWorkflowsOptions(this)
        }
    }

    /** Factories. */
    public companion object {
        /** A builder listing every execution. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()

        /** The executions matching [query]. */
        @JvmStatic
        public fun of(query: String): ListWorkflowsOptions = newBuilder().query(query).build()
    }
}
