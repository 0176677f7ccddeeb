package dev.temporalkt.nexus

import kotlinx.coroutines.currentCoroutineContext
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * The Nexus request an operation function is handling. Read it with [current] inside a [NexusOperation] function.
 *
 * ```kotlin
 * @NexusOperation
 * suspend fun sayHello(name: String): String {
 *     val ctx = NexusOperationContext.current()
 *     return "Hello $name (request ${ctx.requestId} via ${ctx.endpoint})"
 * }
 * ```
 *
 * @property namespace namespace of the worker handling the request.
 * @property taskQueue task queue of the worker handling the request.
 * @property endpoint name of the endpoint the caller used.
 * @property service the service name.
 * @property operation the operation name.
 * @property requestId the caller's idempotency key for this start; the same on retries of the same start.
 * @property headers the Nexus headers of the request (lower-case keys), including those the caller set.
 * @property inboundLinks the links the request came with, in the order sent. A start request from a workflow links to
 *   the caller's `NexusOperationScheduled` event (type [NexusLink.WORKFLOW_EVENT_TYPE]); a workflow-run operation
 *   passes the workflow-event links on to the workflow it starts. Empty when the request has none.
 */
public class NexusOperationContext internal constructor(
    public val namespace: String,
    public val taskQueue: String,
    public val endpoint: String,
    public val service: String,
    public val operation: String,
    public val requestId: String,
    public val headers: Map<String, String>,
    public val inboundLinks: List<NexusLink> = emptyList(),
) : AbstractCoroutineContextElement(Key) {
    /** Key of the context element. */
    public companion object Key : CoroutineContext.Key<NexusOperationContext> {
        /**
         * The request handled by the calling coroutine.
         *
         * @throws IllegalStateException when not called from a [NexusOperation] function (or a coroutine it started).
         */
        public suspend fun current(): NexusOperationContext = currentCoroutineContext()[Key]
            ?: throw IllegalStateException(
                "NexusOperationContext.current() was called outside a Nexus operation: call it from a @NexusOperation " +
                    "function of a service registered on a worker",
            )
    }

    override fun toString(): String = "NexusOperationContext($service/$operation, endpoint=$endpoint, requestId=$requestId)"
}
