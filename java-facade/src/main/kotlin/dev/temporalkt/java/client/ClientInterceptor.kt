package dev.temporalkt.java.client

/**
 * Wraps the outbound calls of a [TemporalClient] from Java: header propagation, logging,
 * tracing, argument rewriting. Register it with `ClientOptions.Builder.addInterceptor`; the first registered is the
 * outermost (sees calls first). Java interceptors wrap the same chain the Kotlin client's interceptors do, so they
 * also see the calls of Kotlin code using the same client.
 *
 * ```java
 * public final class TenantInterceptor implements ClientInterceptor {
 *     public ClientOutboundInterceptor interceptClient(ClientOutboundInterceptor next) {
 *         return new ClientOutboundInterceptor(next) {
 *             public CompletableFuture<WorkflowHandle<Object>> startWorkflow(StartWorkflowInput input) {
 *                 Map<String, Payload> headers = new HashMap<>(input.getHeaders());
 *                 headers.put("tenant", tenantPayload());
 *                 return super.startWorkflow(input.withHeaders(headers));
 *             }
 *         };
 *     }
 * }
 * ```
 */
public fun interface ClientInterceptor {
    /** Returns the link that sees calls before [next] does (usually a subclass of [ClientOutboundInterceptor]). */
    public fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor
}
