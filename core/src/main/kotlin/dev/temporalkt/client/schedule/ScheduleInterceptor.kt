package dev.temporalkt.client.schedule

import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor

/**
 * Wraps the schedule calls of a [dev.temporalkt.client.Client] ([createSchedule], [getScheduleHandle],
 * [listSchedules] and the calls of [ScheduleHandle]): logging, tracing, memo or search attribute defaults, checks.
 *
 * A schedule interceptor is a [ClientInterceptor]: register it with
 * [dev.temporalkt.client.ClientOptions.interceptors]. The client's interceptors that implement this interface make
 * its schedule chain, in the order of that list (the first one sees calls first). By default it leaves the workflow
 * calls alone; override [interceptClient] too and one object intercepts both.
 *
 * ```kotlin
 * val auditing = ScheduleInterceptor { next ->
 *     object : ScheduleOutboundInterceptor(next) {
 *         override suspend fun createSchedule(input: CreateScheduleInput): ScheduleHandle {
 *             log.info("creating schedule ${input.id}")
 *             return super.createSchedule(input.copy(memo = input.memo + ("createdBy" to "reports-service")))
 *         }
 *     }
 * }
 * val client = Client(connection, ClientOptions(interceptors = listOf(auditing)))
 * ```
 */
public fun interface ScheduleInterceptor : ClientInterceptor {
    /**
     * Returns the interceptor that sees schedule calls before [next] does (usually a subclass of
     * [ScheduleOutboundInterceptor]).
     */
    public fun interceptSchedule(next: ScheduleOutboundInterceptor): ScheduleOutboundInterceptor

    /** Returns [next]: a schedule interceptor leaves the client's workflow calls alone unless it overrides this. */
    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = next
}
