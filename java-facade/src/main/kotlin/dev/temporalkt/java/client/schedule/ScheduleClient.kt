package dev.temporalkt.java.client.schedule

import dev.temporalkt.client.schedule.ScheduleListDescription
import dev.temporalkt.client.schedule.createSchedule
import dev.temporalkt.client.schedule.getScheduleHandle
import dev.temporalkt.client.schedule.listSchedules
import dev.temporalkt.java.client.TemporalClient
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.Futures
import kotlinx.coroutines.flow.toList
import java.util.concurrent.CompletableFuture
import java.util.stream.Stream

/**
 * The schedules of a [TemporalClient]'s namespace: create them, get handles to them and list them. It makes its calls
 * with the client's connection, data converter and interceptors; making one is cheap, and any number can share a
 * client.
 *
 * ```java
 * ScheduleClient schedules = ScheduleClient.of(client);
 * Schedule schedule = Schedule.newBuilder()
 *     .action(ScheduleAction.startWorkflow("Report", reportOptions, "daily"))
 *     .spec(ScheduleSpec.newBuilder().addInterval(ScheduleIntervalSpec.of(Duration.ofHours(1))).build())
 *     .build();
 * ScheduleHandle handle = schedules.createSchedule("hourly-report", schedule).join();
 * ScheduleHandle same = schedules.getScheduleHandle("hourly-report");
 * ```
 */
public class ScheduleClient private constructor(
    /** The client whose namespace, connection, data converter and interceptors the schedule calls use. */
    public val client: TemporalClient,
) {
    private val kotlinClient get() = client.kotlinClient
    private val dataConverter get() = client.dataConverter

    /**
     * Creates the schedule [id]; a schedule with this id existing already completes the future with
     * [dev.temporalkt.client.schedule.ScheduleAlreadyRunningException].
     */
    public fun createSchedule(id: String, schedule: Schedule): CompletableFuture<ScheduleHandle> =
        createSchedule(id, schedule, CreateScheduleOptions.defaults())

    /** [createSchedule] with [options]: trigger at once, backfills, memo and search attributes of the schedule. */
    public fun createSchedule(id: String, schedule: Schedule, options: CreateScheduleOptions): CompletableFuture<ScheduleHandle> {
        require(id.isNotBlank()) { "A schedule id must not be blank" }
        return Futures.run {
            val created = kotlinClient.createSchedule(
                id, schedule.toKotlin(dataConverter), options.triggerImmediately, options.backfills,
                Conversions.encodeMemo(options.memo, dataConverter), options.searchAttributes,
            )
            ScheduleHandle(created, dataConverter)
        }
    }

    /** A handle to the schedule [id]. */
    public fun getScheduleHandle(id: String): ScheduleHandle = ScheduleHandle(kotlinClient.getScheduleHandle(id), dataConverter)

    /** Lists the schedules matching the visibility [query] (empty: all) and completes with all of them. */
    public fun listSchedules(query: String): CompletableFuture<List<ScheduleListDescription>> =
        Futures.run { kotlinClient.listSchedules(query, 0).toList() }

    /** Lists all schedules of the namespace. */
    public fun listSchedules(): CompletableFuture<List<ScheduleListDescription>> = listSchedules("")

    /**
     * The schedules matching the visibility [query] (empty: all) as a stream that fetches pages while it is
     * consumed, blocking the consuming thread meanwhile.
     */
    public fun streamSchedules(query: String): Stream<ScheduleListDescription> = Futures.stream(kotlinClient.listSchedules(query, 0))

    override fun toString(): String = "ScheduleClient(namespace=${client.namespace})"

    /** Factories. */
    public companion object {
        /** The schedules of [client]'s namespace, managed with its connection, data converter and interceptors. */
        @JvmStatic
        public fun of(client: TemporalClient): ScheduleClient = ScheduleClient(client)
    }
}
