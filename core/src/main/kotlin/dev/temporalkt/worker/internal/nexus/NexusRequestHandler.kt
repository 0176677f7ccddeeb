package dev.temporalkt.worker.internal.nexus

import dev.temporalkt.api.nexus.v1.Request
import dev.temporalkt.internal.InternalTemporalApi

/**
 * The Nexus services of a worker, as [NexusTaskProcessor] sees them: the seam between the core (polling, request
 * timeouts, the answers to the server) and the runtime that runs operation code (the coroutines module's
 * `KotlinNexusHandler`).
 */
@InternalTemporalApi
public fun interface NexusRequestHandler {
    /**
     * The answer to [request] (start or cancel an operation). Errors of the operation code are answered, not thrown:
     * as a [NexusReply.HandlerError] or an unsuccessful operation in the [NexusReply.Completed] response. Throws only
     * [kotlinx.coroutines.CancellationException] (the request timed out or the worker is shutting down).
     */
    public suspend fun reply(request: Request): NexusReply
}
