package dev.temporalkt.client.schedule

import dev.temporalkt.api.schedule.v1.ScheduleListEntry
import dev.temporalkt.common.SearchAttributes
import java.time.Instant

/** A schedule as listed by [listSchedules] (a summary; describe it for more). */
public class ScheduleListDescription internal constructor(
    /** The raw list entry. */
    public val raw: ScheduleListEntry,
) {
    /** The schedule id. */
    public val id: String get() = raw.scheduleId

    /** The type of the workflow the schedule starts. */
    public val workflowType: String get() = raw.info.workflowType.name

    /** Whether the schedule is paused. */
    public val paused: Boolean get() = raw.info.paused

    /** The schedule's note. */
    public val note: String get() = raw.info.notes

    /** The next times the schedule will act. */
    public val nextActionTimes: List<Instant> get() =
        raw.info.futureActionTimesList.map { Instant.ofEpochSecond(it.seconds, it.nanos.toLong()) }

    /** The schedule's search attributes. */
    public val searchAttributes: SearchAttributes get() = SearchAttributes.fromProto(raw.searchAttributes)

    override fun toString(): String = "ScheduleListDescription(id=$id, workflowType=$workflowType, paused=$paused)"
}
