package dev.temporalkt.java.client.schedule

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.workflowservice.v1.DescribeScheduleResponse
import dev.temporalkt.client.schedule.ScheduleActionExecution
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.java.internal.Futures
import java.lang.reflect.Type
import java.time.Instant
import java.util.concurrent.CompletableFuture
import dev.temporalkt.client.schedule.ScheduleDescription as KotlinScheduleDescription

/**
 * A schedule as the server describes it: its definition, counters and times of its actions, memo and search
 * attributes.
 *
 * ```java
 * ScheduleDescription description = handle.describe().join();
 * long taken = description.getNumActions();
 * boolean paused = description.getSchedule().getState().isPaused();
 * ```
 */
public class ScheduleDescription internal constructor(
    internal val kotlin: KotlinScheduleDescription,
    private val dataConverter: DataConverter,
) {
    /** The schedule id. */
    public val id: String get() = kotlin.id

    /** The schedule's definition. */
    public val schedule: Schedule by lazy { Schedule.of(kotlin.schedule) }

    /** How many actions were taken. */
    public val numActions: Long get() = kotlin.info.numActions

    /** How many actions were missed because they were too late (outside the catch-up window). */
    public val numActionsMissedCatchupWindow: Long get() = kotlin.info.numActionsMissedCatchupWindow

    /** How many actions were skipped by the overlap policy. */
    public val numActionsSkippedOverlap: Long get() = kotlin.info.numActionsSkippedOverlap

    /** The workflows started by the schedule that are still running. */
    public val runningWorkflows: List<WorkflowExecution>
        get() = kotlin.info.runningWorkflows.map { (id, runId) -> WorkflowExecution.newBuilder().setWorkflowId(id).setRunId(runId).build() }

    /** The most recent actions. */
    public val recentActions: List<ScheduleActionExecution> get() = kotlin.info.recentActions

    /** The next times the schedule will act. */
    public val nextActionTimes: List<Instant> get() = kotlin.info.nextActionTimes

    /** When the schedule was created, or `null`. */
    public val createdAt: Instant? get() = kotlin.info.createdAt

    /** When the schedule was last updated, or `null`. */
    public val lastUpdatedAt: Instant? get() = kotlin.info.lastUpdatedAt

    /** The schedule's memo as stored payloads; read values with [getMemoValue]. */
    public val memo: Map<String, Payload> get() = kotlin.memo

    /** The schedule's search attributes. */
    public val searchAttributes: SearchAttributes get() = kotlin.searchAttributes

    /** The raw response. */
    public val raw: DescribeScheduleResponse get() = kotlin.raw

    /** Decodes the memo value [key] as [type]; completes with `null` when there is no such key. */
    @Suppress("UNCHECKED_CAST")
    public fun <T> getMemoValue(key: String, type: Class<T>): CompletableFuture<T> = memoValue(key, type)

    /** Decodes the memo value [key] as [type]; completes with `null` when there is no such key. */
    public fun <T> getMemoValue(key: String, type: Type): CompletableFuture<T> = memoValue(key, type)

    @Suppress("UNCHECKED_CAST")
    private fun <T> memoValue(key: String, type: Type): CompletableFuture<T> = Futures.run {
        val payload = kotlin.memo[key]
        if (payload == null) null as T else dataConverter.decodeValue(payload, type) as T
    }

    override fun toString(): String = kotlin.toString()
}
