package dev.temporalkt.client.schedule

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.workflowservice.v1.DescribeScheduleResponse
import dev.temporalkt.common.SearchAttributes
import java.time.Instant

/**
 * A schedule as the server describes it: its definition, what it did and will do, and the conflict token that
 * [ScheduleHandle.update] uses.
 */
public class ScheduleDescription internal constructor(
    /** The schedule id. */
    public val id: String,
    /** The schedule's definition. */
    public val schedule: Schedule,
    /** Counters and times of the schedule's actions. */
    public val info: ScheduleInfo,
    /** The raw response. */
    public val raw: DescribeScheduleResponse,
) {
    /** The schedule's memo as stored payloads. */
    public val memo: Map<String, Payload> get() = raw.memo.fieldsMap

    /** The schedule's search attributes. */
    public val searchAttributes: SearchAttributes get() = SearchAttributes.fromProto(raw.searchAttributes)

    override fun toString(): String = "ScheduleDescription(id=$id, schedule=$schedule, info=$info)"
}

/**
 * What a schedule did and will do.
 *
 * @property numActions actions taken so far.
 * @property numActionsMissedCatchupWindow actions skipped because they were too late.
 * @property numActionsSkippedOverlap actions skipped by the overlap policy.
 * @property runningWorkflows workflows started by the schedule that are still running (workflow id to run id).
 * @property recentActions the most recent actions.
 * @property nextActionTimes the next times the schedule will act.
 */
public data class ScheduleInfo(
    val numActions: Long,
    val numActionsMissedCatchupWindow: Long,
    val numActionsSkippedOverlap: Long,
    val runningWorkflows: List<Pair<String, String>>,
    val recentActions: List<ScheduleActionExecution>,
    val nextActionTimes: List<Instant>,
    val createdAt: Instant?,
    val lastUpdatedAt: Instant?,
)

/** One action a schedule took: when it was due, when it ran, and the workflow it started. */
public data class ScheduleActionExecution(
    val scheduledAt: Instant,
    val startedAt: Instant,
    val workflowId: String,
    val firstExecutionRunId: String,
)
