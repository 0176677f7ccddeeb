package dev.temporalkt.client

import dev.temporalkt.api.enums.v1.QueryRejectCondition as QueryRejectConditionProto

/**
 * When the server should refuse a query instead of asking the workflow, based on the execution's status.
 * A refused query throws [dev.temporalkt.failure.WorkflowQueryRejectedException].
 */
public enum class QueryRejectCondition(internal val proto: QueryRejectConditionProto) {
    /** Never reject: closed workflows are queried too (by replaying them on a worker). */
    NONE(QueryRejectConditionProto.QUERY_REJECT_CONDITION_NONE),

    /** Reject the query if the workflow is not running. */
    NOT_OPEN(QueryRejectConditionProto.QUERY_REJECT_CONDITION_NOT_OPEN),

    /** Reject the query if the workflow did not complete successfully (still running is fine). */
    NOT_COMPLETED_CLEANLY(QueryRejectConditionProto.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY),
}
