package dev.temporalkt.activity

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConverter
import java.time.Instant
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.time.Duration

/**
 * What an activity attempt knows about itself, from [ActivityContext.info].
 *
 * ```kotlin
 * @Activity
 * suspend fun importRows(file: String): Int {
 *     val info = activityContext().info
 *     // resume where the previous attempt stopped
 *     val startAt = if (info.heartbeatDetailsCount > 0) info.heartbeatDetail<Int>(0) else 0
 *     ...
 * }
 * ```
 */
public class ActivityInfo(
    /** The activity id, unique within the workflow run. */
    public val activityId: String,
    /** The activity type name. */
    public val activityType: String,
    /** The attempt number, starting at 1. */
    public val attempt: Int,
    /** The task queue the attempt was polled from. */
    public val taskQueue: String,
    /** The task token: what an external system needs to complete an activity completed asynchronously. */
    public val taskToken: ByteArray,
    /** The namespace of the workflow that scheduled the activity. */
    public val workflowNamespace: String,
    /** The id of the workflow that scheduled the activity. */
    public val workflowId: String,
    /** The run id of the workflow that scheduled the activity. */
    public val workflowRunId: String,
    /** The type of the workflow that scheduled the activity. */
    public val workflowType: String,
    /** When the activity was first scheduled. */
    public val scheduledTime: Instant?,
    /** When this attempt was scheduled. */
    public val currentAttemptScheduledTime: Instant?,
    /** When this attempt started. */
    public val startedTime: Instant?,
    /** The schedule-to-close timeout, or `null` when unbounded. */
    public val scheduleToCloseTimeout: Duration?,
    /** The start-to-close timeout, or `null` when unbounded. */
    public val startToCloseTimeout: Duration?,
    /** The heartbeat timeout, or `null` when the activity does not have to heartbeat. */
    public val heartbeatTimeout: Duration?,
    /** Whether this is a local activity. */
    public val isLocal: Boolean,
    /** The details of the last heartbeat the previous attempts sent (codecs already applied); empty when none. */
    public val heartbeatDetails: List<Payload>,
    private val payloadConverter: PayloadConverter,
) {
    /**
     * When this attempt must end at the latest: the earlier of start time + start-to-close timeout and scheduled
     * time + schedule-to-close timeout; `null` when neither applies.
     */
    public val deadline: Instant?
        get() {
            val byStart = if (startedTime != null && startToCloseTimeout != null) startedTime.plusNanos(startToCloseTimeout.inWholeNanoseconds) else null
            val bySchedule = if (scheduledTime != null && scheduleToCloseTimeout != null) scheduledTime.plusNanos(scheduleToCloseTimeout.inWholeNanoseconds) else null
            return listOfNotNull(byStart, bySchedule).minOrNull()
        }

    /**
     * The attempt's identity as the activity logger ([ActivityContext.logger]) puts it into the SLF4J MDC while the
     * activity runs: `temporal.activityId`, `temporal.activityType`, `temporal.attempt`, `temporal.workflowId`,
     * `temporal.workflowRunId`, `temporal.workflowType`, `temporal.taskQueue` and `temporal.namespace`. For log setups
     * that take structured arguments or key-value pairs instead of the MDC.
     */
    public val logContext: Map<String, String>
        get() = linkedMapOf(
            "temporal.activityId" to activityId,
            "temporal.activityType" to activityType,
            "temporal.attempt" to attempt.toString(),
            "temporal.workflowId" to workflowId,
            "temporal.workflowRunId" to workflowRunId,
            "temporal.workflowType" to workflowType,
            "temporal.taskQueue" to taskQueue,
            "temporal.namespace" to workflowNamespace,
        )

    /** How many heartbeat details the previous attempt left. */
    public val heartbeatDetailsCount: Int get() = heartbeatDetails.size

    /**
     * The heartbeat detail at [index] from the previous attempt, converted into [type].
     *
     * @throws IndexOutOfBoundsException when the previous attempt left fewer details, saying how many there are.
     * @throws dev.temporalkt.converter.PayloadConversionException when the detail does not fit [type].
     */
    public fun heartbeatDetail(index: Int, type: KType): Any? {
        if (index !in heartbeatDetails.indices) {
            throw IndexOutOfBoundsException(
                "No heartbeat detail at index $index: the previous attempt left ${heartbeatDetails.size}; " +
                    "check heartbeatDetailsCount first",
            )
        }
        return payloadConverter.fromPayload(heartbeatDetails[index], type)
    }

    /** The heartbeat detail at [index] from the previous attempt, converted into [T]. */
    @Suppress("UNCHECKED_CAST")
    public inline fun <reified T> heartbeatDetail(index: Int = 0): T = heartbeatDetail(index, typeOf<T>()) as T

    override fun toString(): String =
        "ActivityInfo(activityId=$activityId, activityType=$activityType, attempt=$attempt, taskQueue=$taskQueue, " +
            "workflowId=$workflowId, workflowRunId=$workflowRunId, workflowType=$workflowType)"
}
