@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.java.nexus

import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.workflow.WorkflowFuture
import dev.temporalkt.nexus.nexusClient
import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.Workflow as KotlinWorkflow
import java.lang.reflect.Type
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.java.workflow.internal.JavaScopes
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch

/**
 * Calls the operations of Nexus service [getService] through endpoint [getEndpoint] from Java workflow code. Get one
 * with [newInstance] inside a workflow. Each call schedules the operation
 * durably: the caller's server delivers it to the handler (a worker with the service, see
 * [dev.temporalkt.java.worker.Worker.Builder.addNexusServices]), retrying failed deliveries, and records its outcome in
 * the workflow's history. The input is encoded by its runtime class, the result decoded as the class given.
 *
 * ```java
 * NexusServiceClient greetings = NexusServiceClient.newInstance("greetings-endpoint", "Greeting");
 * return greetings.executeOperation("sayHello", String.class, "Ada");
 * ```
 *
 * Failures surface as [dev.temporalkt.failure.NexusOperationFailure] with the cause chain (handler error, application
 * failure, cancellation or timeout).
 */
public class NexusServiceClient internal constructor(private val endpoint: String, private val service: String) {
    init {
        require(endpoint.isNotBlank()) { "A Nexus client needs an endpoint name" }
        require(service.isNotBlank()) { "A Nexus client needs a service name" }
    }

    /** The Nexus endpoint name, as registered on the server. */
    public fun getEndpoint(): String = endpoint

    /** The Nexus service name. */
    public fun getService(): String = service

    /** Runs operation [operation] with [input] and completes with its result, decoded as [resultClass]. */
    public fun <R> executeOperation(operation: String, resultClass: Class<R>, input: Any?): WorkflowFuture<R> =
        executeOperation(operation, resultClass, input, NexusOperationOptions.defaults())

    /** [executeOperation] with [options]. */
    public fun <R> executeOperation(operation: String, resultClass: Class<R>, input: Any?, options: NexusOperationOptions): WorkflowFuture<R> =
        executeOperation(operation, resultClass as Type, input, options)

    /** [executeOperation] with a generic result [resultType] (a `java.lang.reflect.Type`). */
    public fun <R> executeOperation(operation: String, resultType: Type, input: Any?, options: NexusOperationOptions): WorkflowFuture<R> =
        startOperation<R>(operation, resultType, input, options).thenCompose { it.getResult() }

    /**
     * Schedules operation [operation] with [input]; completes with a handle once the operation started (or ended, for
     * a synchronous one), or fails with a [dev.temporalkt.failure.NexusOperationFailure] when it could not start.
     */
    public fun <R> startOperation(
        operation: String,
        resultClass: Class<R>,
        input: Any?,
        options: NexusOperationOptions,
    ): WorkflowFuture<NexusOperationHandle<R>> = startOperation(operation, resultClass as Type, input, options)

    /** [startOperation] with a generic result [resultType]. */
    public fun <R> startOperation(
        operation: String,
        resultType: Type,
        input: Any?,
        options: NexusOperationOptions,
    ): WorkflowFuture<NexusOperationHandle<R>> {
        require(operation.isNotBlank()) { "A Nexus operation needs a name" }
        val run = CurrentWorkflow.get("NexusServiceClient.startOperation")
        val what = "Nexus operation $service/$operation"
        val scope = JavaScopes.currentOrRoot(run)
        val started = WorkflowFuture.newFuture<NexusOperationHandle<R>>(run)
        val result = WorkflowFuture.newFuture<R>(run)
        if (scope[Job]?.isActive == false) {
            val failure = CanceledFailure("$what was not started: its cancellation scope is cancelled")
            started.completeExceptionally(failure)
            result.completeExceptionally(failure)
            return started
        }
        val client = KotlinWorkflow.nexusClient(endpoint, service)
        val inputType = JavaKType.of(input?.javaClass ?: Any::class.java)
        val outputType = JavaKType.of(resultType)
        lateinit var cancel: Runnable
        val coroutine = WorkflowFuture.launchScope(run, scope).launch(start = CoroutineStart.UNDISPATCHED) {
            val handle = try {
                client.startOperation<R>(operation, input, inputType, outputType, options.kotlin)
            } catch (e: Throwable) {
                val failure = WorkflowFuture.javaFailure(e, what)
                JavaScopes.within(scope) {
                    started.completeExceptionally(failure)
                    result.completeExceptionally(failure)
                }
                return@launch
            }
            JavaScopes.within(scope) { started.complete(NexusOperationHandle(handle.operationToken, result, cancel)) }
            val outcome = try {
                Result.success(handle.result())
            } catch (e: Throwable) {
                Result.failure(e)
            }
            JavaScopes.within(scope) {
                outcome.fold({ result.complete(it) }, { result.completeExceptionally(WorkflowFuture.javaFailure(it, what)) })
            }
        }
        cancel = Runnable { coroutine.cancel(CancellationException("$what was cancelled")) }
        started.cancelOperation = cancel
        result.cancelOperation = cancel
        return started
    }

    override fun toString(): String = "NexusServiceClient(endpoint=$endpoint, service=$service)"

    /** Factories. */
    public companion object {
        /**
         * A client for the operations of Nexus service [service] behind endpoint [endpoint]; call it from workflow code
         * only.
         *
         * @throws IllegalStateException outside workflow code.
         * @throws IllegalArgumentException when the endpoint or service name is blank.
         */
        @JvmStatic
        public fun newInstance(endpoint: String, service: String): NexusServiceClient {
            CurrentWorkflow.get("NexusServiceClient.newInstance")
            return NexusServiceClient(endpoint, service)
        }
    }
}
