package dev.temporalkt.worker

import dev.temporalkt.client.Client
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import java.util.Collections
import java.util.IdentityHashMap

/** Which worker interceptors a worker applies. */
internal object WorkerInterceptors {
    /**
     * The interceptors of [client] that are worker interceptors too (so one object can intercept both sides), then
     * [options]' own, without applying one object twice.
     */
    fun of(client: Client, options: WorkerOptions): List<WorkerInterceptor> {
        val applied = Collections.newSetFromMap(IdentityHashMap<WorkerInterceptor, Boolean>())
        return (client.options.interceptors.filterIsInstance<WorkerInterceptor>() + options.interceptors).filter { applied.add(it) }
    }
}
