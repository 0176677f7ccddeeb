package dev.temporalkt.java.client.schedule

import dev.temporalkt.client.schedule.ScheduleBackfill
import dev.temporalkt.client.schedule.ScheduleOverlapPolicy
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.java.internal.Futures
import java.util.concurrent.CompletableFuture
import java.util.function.Function
import dev.temporalkt.client.schedule.ScheduleHandle as KotlinScheduleHandle

/**
 * A handle to a schedule: describe, update, pause and unpause, trigger, backfill and delete it. Every call returns a
 * [CompletableFuture]; an unknown schedule completes it with [dev.temporalkt.failure.RpcException] (`NOT_FOUND`).
 *
 * ```java
 * ScheduleHandle handle = ScheduleClient.of(client).getScheduleHandle("hourly-report");
 * handle.pause("maintenance").join();
 * handle.update(description -> description.getSchedule().toBuilder()
 *     .state(ScheduleState.newBuilder().note("every two hours now").build())
 *     .build()).join();
 * handle.trigger().join();
 * ```
 */
public class ScheduleHandle internal constructor(
    private val kotlin: KotlinScheduleHandle,
    private val dataConverter: DataConverter,
) {
    /** The schedule id. */
    public val id: String get() = kotlin.id

    /** Describes the schedule. */
    public fun describe(): CompletableFuture<ScheduleDescription> =
        Futures.run { ScheduleDescription(kotlin.describe(), dataConverter) }

    /**
     * Read-modify-write: describes the schedule, passes the description to [updater] and stores the schedule it returns
     * (`null` = no change). The write carries the description's conflict token, so it never overwrites a change made
     * in between; servers that reject such a write have the cycle run again, up to five times.
     */
    public fun update(updater: Function<ScheduleDescription, Schedule?>): CompletableFuture<Void> = update(5, updater)

    /** [update], running the cycle at most [maxAttempts] times. */
    public fun update(maxAttempts: Int, updater: Function<ScheduleDescription, Schedule?>): CompletableFuture<Void> {
        require(maxAttempts >= 1) { "maxAttempts must be at least 1, was $maxAttempts" }
        return Futures.runVoid {
            kotlin.update(maxAttempts) { description ->
                updater.apply(ScheduleDescription(description, dataConverter))?.toKotlin(dataConverter)
            }
        }
    }

    /** Pauses the schedule. */
    public fun pause(): CompletableFuture<Void> = pause("Paused via Java client")

    /** Pauses the schedule, recording [note]. */
    public fun pause(note: String): CompletableFuture<Void> = Futures.runVoid { kotlin.pause(note) }

    /** Unpauses the schedule. */
    public fun unpause(): CompletableFuture<Void> = unpause("Unpaused via Java client")

    /** Unpauses the schedule, recording [note]. */
    public fun unpause(note: String): CompletableFuture<Void> = Futures.runVoid { kotlin.unpause(note) }

    /** Takes the schedule's action now, with the schedule's overlap policy. */
    public fun trigger(): CompletableFuture<Void> = trigger(ScheduleOverlapPolicy.UNSPECIFIED)

    /** Takes the schedule's action now, with [overlap] (`UNSPECIFIED` = the schedule's policy). */
    public fun trigger(overlap: ScheduleOverlapPolicy): CompletableFuture<Void> = Futures.runVoid { kotlin.trigger(overlap) }

    /** Takes the actions the schedule would have taken in the [backfills] ranges. */
    public fun backfill(vararg backfills: ScheduleBackfill): CompletableFuture<Void> {
        require(backfills.isNotEmpty()) { "Give at least one backfill range" }
        val ranges = backfills.copyOf()
        return Futures.runVoid { kotlin.backfill(*ranges) }
    }

    /** Deletes the schedule (workflows it started keep running). */
    public fun delete(): CompletableFuture<Void> = Futures.runVoid { kotlin.delete() }

    override fun toString(): String = "ScheduleHandle(id=$id)"
}
