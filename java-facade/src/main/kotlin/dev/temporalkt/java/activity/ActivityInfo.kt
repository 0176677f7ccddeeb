package dev.temporalkt.java.activity

import dev.temporalkt.java.common.TypeRef
import java.lang.reflect.Type
import java.time.Duration
import java.time.Instant
import java.util.Optional
import kotlin.time.toJavaDuration
import dev.temporalkt.activity.ActivityInfo as KotlinActivityInfo

/**
 * What an activity attempt knows about itself, from [ActivityExecutionContext.getInfo]: its ids, the workflow that
 * scheduled it, its attempt and timeouts, and the details of the last heartbeat of the attempts before it.
 *
 * ```java
 * ActivityInfo info = ActivityExecutionContext.current().getInfo();
 * int startAt = info.getHeartbeatDetails(Integer.class).orElse(0); // resume where the previous attempt stopped
 * ```
 */
public class ActivityInfo internal constructor(private val info: KotlinActivityInfo) {
    /**
     * The entries the activity logger ([ActivityExecutionContext.getLogger]) puts into the SLF4J MDC:
     * `temporal.activityId`, `temporal.activityType`, `temporal.attempt`, `temporal.workflowId`,
     * `temporal.workflowRunId`, `temporal.workflowType`, `temporal.taskQueue`, `temporal.namespace`.
     */
    public val logContext: Map<String, String> get() = info.logContext

    /** The activity id, unique within the workflow run. */
    public val activityId: String get() = info.activityId

    /** The activity type name. */
    public val activityType: String get() = info.activityType

    /** The attempt number, starting at 1. */
    public val attempt: Int get() = info.attempt

    /** The task queue the attempt was polled from. */
    public val taskQueue: String get() = info.taskQueue

    /** The task token: what completes this activity from elsewhere when it completes asynchronously. */
    public val taskToken: ByteArray get() = info.taskToken

    /** The namespace of the workflow that scheduled the activity. */
    public val workflowNamespace: String get() = info.workflowNamespace

    /** The id of the workflow that scheduled the activity. */
    public val workflowId: String get() = info.workflowId

    /** The run id of the workflow that scheduled the activity. */
    public val workflowRunId: String get() = info.workflowRunId

    /** The type of the workflow that scheduled the activity. */
    public val workflowType: String get() = info.workflowType

    /** When the activity was first scheduled, or `null`. */
    public val scheduledTime: Instant? get() = info.scheduledTime

    /** When this attempt was scheduled, or `null`. */
    public val currentAttemptScheduledTime: Instant? get() = info.currentAttemptScheduledTime

    /** When this attempt started, or `null`. */
    public val startedTime: Instant? get() = info.startedTime

    /** The schedule-to-close timeout, or `null` when unbounded. */
    public val scheduleToCloseTimeout: Duration? get() = info.scheduleToCloseTimeout?.toJavaDuration()

    /** The start-to-close timeout, or `null` when unbounded. */
    public val startToCloseTimeout: Duration? get() = info.startToCloseTimeout?.toJavaDuration()

    /** The heartbeat timeout, or `null` when the activity does not have to heartbeat. */
    public val heartbeatTimeout: Duration? get() = info.heartbeatTimeout?.toJavaDuration()

    /** When this attempt must end at the latest, or `null` when no timeout applies. */
    public val deadline: Instant? get() = info.deadline

    /** Whether this is a local activity. */
    public val isLocal: Boolean get() = info.isLocal

    /** How many heartbeat details the previous attempt left. */
    public val heartbeatDetailsCount: Int get() = info.heartbeatDetailsCount

    /**
     * The first detail of the last heartbeat the previous attempts sent, decoded as [type]; empty when they sent none
     * (the first attempt, or an activity that does not heartbeat).
     */
    public fun <T> getHeartbeatDetails(type: Class<T>): Optional<T> = getHeartbeatDetail(0, type)

    /** [getHeartbeatDetails] for a generic type, e.g. `new TypeRef<List<String>>() {}`. */
    public fun <T> getHeartbeatDetails(type: TypeRef<T>): Optional<T> = detail<T>(0, type.type)

    /** The heartbeat detail at [index] of the previous attempts' last heartbeat, decoded as [type]; empty when absent. */
    public fun <T> getHeartbeatDetail(index: Int, type: Class<T>): Optional<T> = detail<T>(index, type)

    @Suppress("UNCHECKED_CAST")
    private fun <T> detail(index: Int, type: Type): Optional<T> {
        if (index !in 0 until info.heartbeatDetailsCount) return Optional.empty<Any>() as Optional<T>
        return Optional.ofNullable<Any>(info.heartbeatDetail(index, dev.temporalkt.java.internal.JavaKType.of(type))) as Optional<T>
    }

    override fun toString(): String = info.toString()
}
