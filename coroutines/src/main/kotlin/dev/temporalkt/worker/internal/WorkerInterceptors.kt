package dev.temporalkt.worker.internal

import dev.temporalkt.client.Client
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.interceptor.WorkerInterceptor

/** Which worker interceptors a worker applies. */
internal object WorkerInterceptors {
    /**
     * The interceptors of [client] that are worker interceptors too (so one object can intercept both sides), then
     * [options]' own, without applying one object twice.
     */
    fun of(client: Client, options: WorkerOptions): List<WorkerInterceptor> =
        (client.options.interceptors.filterIsInstance<WorkerInterceptor>() + options.interceptors).distinct()
}
