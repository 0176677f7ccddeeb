package dev.temporalkt.client

/**
 * Wraps the outbound calls of a [Client]: logging, tracing, header propagation, argument rewriting.
 *
 * ```kotlin
 * class TenantHeader(private val tenant: Payload) : ClientInterceptor {
 *     override fun interceptClient(next: ClientOutboundInterceptor) = object : ClientOutboundInterceptor(next) {
 *         override suspend fun startWorkflow(input: StartWorkflowInput) =
 *             super.startWorkflow(input.copy(headers = input.headers + ("tenant" to tenant)))
 *     }
 * }
 * ```
 */
public fun interface ClientInterceptor {
    /** Returns the interceptor that sees calls before [next] does (usually a subclass of [ClientOutboundInterceptor]). */
    public fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor
}
