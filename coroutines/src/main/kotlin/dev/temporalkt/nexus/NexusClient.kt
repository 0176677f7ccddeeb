@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus

import dev.temporalkt.workflow.CurrentWorkflow
import kotlin.reflect.KSuspendFunction2
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * Calls the operations of Nexus service [service] through endpoint [endpoint] from workflow code. Get one with
 * [dev.temporalkt.workflow.Workflow.Companion.nexusClient] (`Workflow.nexusClient`); use it only inside a workflow.
 * Each call schedules the operation durably: the caller's server delivers it to the handler, retrying failed
 * deliveries, and records its outcome in the workflow's history.
 *
 * ```kotlin
 * val greetings = Workflow.nexusClient(GreetingService::class, endpoint = "greetings")
 * val hello = greetings.executeOperation(GreetingService::sayHello, "Ada")             // synchronous operation
 * val later = greetings.startOperation(GreetingService::greetLater, "Bob")             // workflow-run operation
 * val greeting: String = later.result()
 *
 * val untyped = Workflow.nexusClient(endpoint = "greetings", service = "Greeting")
 * val again: String = untyped.executeOperation("sayHello", "Ada")
 * ```
 *
 * Failures surface as [dev.temporalkt.failure.NexusOperationFailure] with the cause chain (handler error,
 * application failure, cancellation or timeout).
 *
 * @param S the service class for typed calls; [Any] for untyped clients.
 */
public class NexusClient<S : Any> internal constructor(
    /** The Nexus endpoint name, as registered on the server. */
    public val endpoint: String,
    /** The Nexus service name. */
    public val service: String,
) {
    init {
        require(endpoint.isNotBlank()) { "A Nexus client needs an endpoint name" }
        require(service.isNotBlank()) { "A Nexus client needs a service name" }
    }

    /**
     * Schedules operation [operation] with [input] encoded as [inputType] and suspends until it started (or ended,
     * for synchronous operations); the handle's result is decoded as [resultType].
     *
     * @throws dev.temporalkt.failure.NexusOperationFailure when the operation failed, timed out or was cancelled
     *   before it started.
     */
    public suspend fun <R> startOperation(
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): NexusOperationHandle<R> {
        require(operation.isNotBlank()) { "A Nexus operation needs a name" }
        val run = CurrentWorkflow.get("NexusClient.startOperation") as NexusOperationStarter
        return run.startNexusOperation(endpoint, service, operation, input, inputType, resultType, options)
    }

    /** Schedules operation [operation] with [input]; see [startOperation]. */
    public suspend inline fun <reified I, reified R> startOperation(
        operation: String,
        input: I,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): NexusOperationHandle<R> = startOperation(operation, input, typeOf<I>(), typeOf<R>(), options)

    /** Runs operation [operation] with [input] and returns its result; see [startOperation]. */
    public suspend inline fun <reified I, reified R> executeOperation(
        operation: String,
        input: I,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): R = startOperation<I, R>(operation, input, options).result()

    /** Schedules the synchronous operation [operation] (such as `GreetingService::sayHello`) with [input]. */
    public suspend fun <I, R> startOperation(
        operation: KSuspendFunction2<S, I, R>,
        input: I,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): NexusOperationHandle<R> = startOperation(
        NexusNames.operation(operation), input, NexusNames.inputType(operation), NexusNames.resultType(operation), options,
    )

    /** Schedules the workflow-run operation [operation] (such as `GreetingService::greetLater`) with [input]. */
    @JvmName("startWorkflowRunOperation")
    public suspend fun <I, R> startOperation(
        operation: KSuspendFunction2<S, I, WorkflowRunOperation<R>>,
        input: I,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): NexusOperationHandle<R> = startOperation(
        NexusNames.operation(operation), input, NexusNames.inputType(operation), NexusNames.resultType(operation), options,
    )

    /** Runs the synchronous operation [operation] with [input] and returns its result. */
    public suspend fun <I, R> executeOperation(
        operation: KSuspendFunction2<S, I, R>,
        input: I,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): R = startOperation(operation, input, options).result()

    /** Runs the workflow-run operation [operation] with [input] and returns the workflow's result. */
    @JvmName("executeWorkflowRunOperation")
    public suspend fun <I, R> executeOperation(
        operation: KSuspendFunction2<S, I, WorkflowRunOperation<R>>,
        input: I,
        options: NexusOperationOptions = NexusOperationOptions(),
    ): R = startOperation(operation, input, options).result()

    override fun toString(): String = "NexusClient(endpoint=$endpoint, service=$service)"

    internal companion object {
        fun <S : Any> of(serviceClass: kotlin.reflect.KClass<S>, endpoint: String): NexusClient<S> =
            NexusClient(endpoint, NexusNames.service(serviceClass))
    }
}
