package dev.temporalkt.client.schedule

import dev.temporalkt.api.enums.v1.ScheduleOverlapPolicy as ScheduleOverlapPolicyProto

/** What a schedule does when an action is due while the workflow it started last is still running. */
public enum class ScheduleOverlapPolicy(internal val proto: ScheduleOverlapPolicyProto) {
    /** Use the schedule's policy (only meaningful for triggers and backfills); the server default is [SKIP]. */
    UNSPECIFIED(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED),

    /** Do not start the new workflow. */
    SKIP(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_SKIP),

    /** Start it after the running one closes; keep at most one waiting. */
    BUFFER_ONE(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE),

    /** Start each one in turn after the running one closes. */
    BUFFER_ALL(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL),

    /** Cancel the running workflow, then start the new one once it closed. */
    CANCEL_OTHER(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER),

    /** Terminate the running workflow and start the new one. */
    TERMINATE_OTHER(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER),

    /** Start the new workflow alongside the running ones. */
    ALLOW_ALL(ScheduleOverlapPolicyProto.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL),
    ;

    internal companion object {
        fun fromProto(proto: ScheduleOverlapPolicyProto): ScheduleOverlapPolicy = entries.firstOrNull { it.proto == proto } ?: UNSPECIFIED
    }
}
