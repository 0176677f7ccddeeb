package dev.temporalkt.client.schedule

import dev.temporalkt.failure.TemporalException

/** Thrown when creating a schedule whose id is already used by an existing schedule. */
public class ScheduleAlreadyRunningException(
    /** The schedule id. */
    public val scheduleId: String,
    cause: Throwable?,
) : TemporalException("Schedule already exists: scheduleId='$scheduleId'", cause)
