package dev.temporalkt.java.client

import dev.temporalkt.client.deployment.WorkerDeploymentDescription
import dev.temporalkt.client.deployment.WorkerDeploymentVersionDescription
import dev.temporalkt.client.deployment.describeWorkerDeployment
import dev.temporalkt.client.deployment.describeWorkerDeploymentVersion
import dev.temporalkt.client.deployment.listWorkerDeployments
import dev.temporalkt.client.deployment.setWorkerDeploymentCurrentVersion
import dev.temporalkt.client.deployment.setWorkerDeploymentRampingVersion
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoResponse
import dev.temporalkt.client.Client
import dev.temporalkt.client.Connection
import dev.temporalkt.client.WorkflowExecutionCount
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.envconfig.ClientConfigProfile
import dev.temporalkt.java.common.TypeRef
import dev.temporalkt.java.function.*
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.Futures
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.internal.JavaTypeRoutingPayloadConverter
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import java.io.Serializable
import java.lang.reflect.Type
import java.util.concurrent.CompletableFuture
import java.util.stream.Stream
import kotlin.reflect.KType

/**
 * The Temporal client for Java: starts workflows and gets handles to them, signals, queries and updates them (also
 * together with a start), lists and counts them and completes activities asynchronously. Schedules are managed with a
 * `dev.temporalkt.java.client.schedule.ScheduleClient` over this client.
 *
 * It is a surface over the Kotlin [Client] ([kotlinClient]): every call goes through the same interceptors, converts
 * values with the same data converter (Jackson for Java types by default, byte-compatible with Kotlin and the other
 * SDKs) and returns a [CompletableFuture] that completes with the outcome. Durations are `java.time.Duration`, and
 * every options type has a builder. Invalid arguments (a blank name, a reference to a method that is not annotated)
 * throw at once; failures of the call complete the future exceptionally, with [dev.temporalkt.failure.RpcException]
 * for server errors.
 *
 * Workflows are named by a reference to their `@WorkflowRun` method, which also gives the argument and result types,
 * or by name with the result type. Java workflow interfaces and classes are annotated with the annotations Kotlin
 * workflows use (`dev.temporalkt.workflow.Workflow`, `WorkflowRun`, `Signal`, `Query`, `Update`):
 *
 * ```java
 * @Workflow(name = "Orders")
 * public interface OrderWorkflow {
 *     @WorkflowRun List<Receipt> run(Order order);
 *     @Signal void approve(String by);
 *     @Query String status();
 * }
 *
 * TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target("localhost:7233").build()).join();
 * WorkflowOptions options = WorkflowOptions.newBuilder().id("order-42").taskQueue("orders").build();
 * WorkflowHandle<List<Receipt>> handle = client.startWorkflow(OrderWorkflow::run, order, options).join();
 * handle.signal(OrderWorkflow::approve, "alice").join();
 * List<Receipt> receipts = handle.getResult().join();
 * // or by name
 * String greeting = client.executeWorkflow("Greeting", String.class, options, "Ada").join();
 * ```
 */
public class TemporalClient private constructor(
    /** The Kotlin client this client is a surface of; workers are built with it. */
    public val kotlinClient: Client,
    private val ownsConnection: Boolean,
) : AutoCloseable {
    /** The connection the client's calls use. */
    public val connection: Connection get() = kotlinClient.connection

    /** The namespace the client works in. */
    public val namespace: String get() = kotlinClient.namespace

    /** The identity the server records for this client's calls. */
    public val identity: String get() = kotlinClient.identity

    /** The data converter of this client. */
    public val dataConverter: DataConverter get() = kotlinClient.dataConverter

    /** The server's version and capabilities (fetched once per connection). */
    public fun getSystemInfo(): CompletableFuture<GetSystemInfoResponse> = Futures.run { connection.systemInfo() }

    // ---- worker deployments -----------------------------------------------------------------------------

    /**
     * Describes the worker deployment [deploymentName]: its versions, current and ramping version. Fails with an
     * `RpcException` (`NOT_FOUND`) while no worker of the deployment has polled.
     */
    public fun describeWorkerDeployment(deploymentName: String): CompletableFuture<WorkerDeploymentDescription> =
        Futures.run { kotlinClient.describeWorkerDeployment(deploymentName) }

    /** The names of the namespace's worker deployments. */
    public fun listWorkerDeployments(): CompletableFuture<List<String>> = Futures.run { kotlinClient.listWorkerDeployments() }

    /** Describes one version of a worker deployment: its status and the task queues its workers poll. */
    public fun describeWorkerDeploymentVersion(version: WorkerDeploymentVersion): CompletableFuture<WorkerDeploymentVersionDescription> =
        Futures.run { kotlinClient.describeWorkerDeploymentVersion(version) }

    /**
     * Makes [version] the current version of its deployment: new workflows start on it and auto-upgrading ones move to
     * it; pinned ones stay. The same as `temporal worker deployment set-current-version`.
     */
    public fun setWorkerDeploymentCurrentVersion(version: WorkerDeploymentVersion): CompletableFuture<Void> =
        Futures.runVoid { kotlinClient.setWorkerDeploymentCurrentVersion(version) }

    /**
     * Ramps [version]: [percentage] percent (0 to 100) of new workflows go to it, the rest to the current version.
     * The same as `temporal worker deployment set-ramping-version`.
     */
    public fun setWorkerDeploymentRampingVersion(version: WorkerDeploymentVersion, percentage: Float): CompletableFuture<Void> =
        Futures.runVoid { kotlinClient.setWorkerDeploymentRampingVersion(version, percentage) }

    /** Stops ramping in the deployment [deploymentName]: new workflows all go to the current version. */
    public fun unsetWorkerDeploymentRampingVersion(deploymentName: String): CompletableFuture<Void> =
        Futures.runVoid { kotlinClient.setWorkerDeploymentRampingVersion(null, 0f, deploymentName) }

    // ---- start and execute ------------------------------------------------------------------------------

    /**
     * Starts the workflow [workflowType] with [args] (converted by their runtime class) and completes with a handle
     * whose result decodes as [resultClass]. An execution with the id already running (or closed, when the id reuse
     * policy forbids reuse) completes the future with [dev.temporalkt.failure.WorkflowAlreadyStartedException].
     *
     * ```java
     * WorkflowHandle<String> handle = client.startWorkflow("Greeting", String.class, options, "Ada").join();
     * ```
     */
    public fun <R> startWorkflow(workflowType: String, resultClass: Class<R>, options: WorkflowOptions, vararg args: Any?): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.of(workflowType, resultClass as Type, options, *args))

    /** [startWorkflow] with a generic result type, such as `new TypeRef<List<Order>>() {}`. */
    public fun <R> startWorkflow(workflowType: String, resultType: TypeRef<R>, options: WorkflowOptions, vararg args: Any?): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.of(workflowType, resultType, options, *args))

    /** [startWorkflow] with the result's `java.lang.reflect.Type`. */
    public fun <R> startWorkflow(workflowType: String, resultType: Type, options: WorkflowOptions, vararg args: Any?): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.of(workflowType, resultType, options, *args))

    /** Starts the workflow [start] describes and completes with a handle to it. */
    public fun <R> startWorkflow(start: WorkflowStart<R>): CompletableFuture<WorkflowHandle<R>> = start(start)

    /**
     * Starts the workflow [workflowType] with [args], waits for it to close and completes with its result decoded as
     * [resultClass] (see [WorkflowHandle.getResult] for failures).
     */
    public fun <R> executeWorkflow(workflowType: String, resultClass: Class<R>, options: WorkflowOptions, vararg args: Any?): CompletableFuture<R> =
        execute(WorkflowStart.of(workflowType, resultClass as Type, options, *args))

    /** [executeWorkflow] with a generic result type. */
    public fun <R> executeWorkflow(workflowType: String, resultType: TypeRef<R>, options: WorkflowOptions, vararg args: Any?): CompletableFuture<R> =
        execute(WorkflowStart.of(workflowType, resultType, options, *args))

    /** [executeWorkflow] with the result's `java.lang.reflect.Type`. */
    public fun <R> executeWorkflow(workflowType: String, resultType: Type, options: WorkflowOptions, vararg args: Any?): CompletableFuture<R> =
        execute(WorkflowStart.of(workflowType, resultType, options, *args))

    /** Starts the workflow [start] describes, waits for it to close and completes with its result. */
    public fun <R> executeWorkflow(start: WorkflowStart<R>): CompletableFuture<R> = execute(start)

    /**
     * Starts the workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`),
     * converted with the method's parameter types, and completes with a handle whose result has the method's result type.
     */
    public fun <W, R> startWorkflow(run: Func1<W, R>, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, emptyList(), options))

    /**
     * [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do): the handle's result is
     * the future's value.
     */
    public fun <W, R> startWorkflow(run: AsyncFunc1<W, R>, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, emptyList(), options))

    /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W> startWorkflow(run: Proc1<W>, options: WorkflowOptions): CompletableFuture<WorkflowHandle<Void>> =
        start(WorkflowStart.typed(run, emptyList(), options))

    /** Runs the workflow whose `@WorkflowRun` method is [run] and completes with its result. */
    public fun <W, R> executeWorkflow(run: Func1<W, R>, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, emptyList(), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns a future: the result is the future's value. */
    public fun <W, R> executeWorkflow(run: AsyncFunc1<W, R>, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, emptyList(), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W> executeWorkflow(run: Proc1<W>, options: WorkflowOptions): CompletableFuture<Void> =
        execute(WorkflowStart.typed(run, emptyList(), options))

    /**
     * Starts the workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1],
     * converted with the method's parameter types, and completes with a handle whose result has the method's result type.
     */
    public fun <W, A1, R> startWorkflow(run: Func2<W, A1, R>, arg1: A1, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1), options))

    /**
     * [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do): the handle's result is
     * the future's value.
     */
    public fun <W, A1, R> startWorkflow(run: AsyncFunc2<W, A1, R>, arg1: A1, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1), options))

    /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1> startWorkflow(run: Proc2<W, A1>, arg1: A1, options: WorkflowOptions): CompletableFuture<WorkflowHandle<Void>> =
        start(WorkflowStart.typed(run, listOf(arg1), options))

    /** Runs the workflow whose `@WorkflowRun` method is [run] with [arg1] and completes with its result. */
    public fun <W, A1, R> executeWorkflow(run: Func2<W, A1, R>, arg1: A1, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns a future: the result is the future's value. */
    public fun <W, A1, R> executeWorkflow(run: AsyncFunc2<W, A1, R>, arg1: A1, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1> executeWorkflow(run: Proc2<W, A1>, arg1: A1, options: WorkflowOptions): CompletableFuture<Void> =
        execute(WorkflowStart.typed(run, listOf(arg1), options))

    /**
     * Starts the workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2],
     * converted with the method's parameter types, and completes with a handle whose result has the method's result type.
     */
    public fun <W, A1, A2, R> startWorkflow(run: Func3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2), options))

    /**
     * [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do): the handle's result is
     * the future's value.
     */
    public fun <W, A1, A2, R> startWorkflow(run: AsyncFunc3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2), options))

    /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2> startWorkflow(run: Proc3<W, A1, A2>, arg1: A1, arg2: A2, options: WorkflowOptions): CompletableFuture<WorkflowHandle<Void>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2), options))

    /** Runs the workflow whose `@WorkflowRun` method is [run] with [arg1], [arg2] and completes with its result. */
    public fun <W, A1, A2, R> executeWorkflow(run: Func3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, R> executeWorkflow(run: AsyncFunc3<W, A1, A2, R>, arg1: A1, arg2: A2, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2> executeWorkflow(run: Proc3<W, A1, A2>, arg1: A1, arg2: A2, options: WorkflowOptions): CompletableFuture<Void> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2), options))

    /**
     * Starts the workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2], [arg3],
     * converted with the method's parameter types, and completes with a handle whose result has the method's result type.
     */
    public fun <W, A1, A2, A3, R> startWorkflow(run: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3), options))

    /**
     * [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do): the handle's result is
     * the future's value.
     */
    public fun <W, A1, A2, A3, R> startWorkflow(run: AsyncFunc4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3), options))

    /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2, A3> startWorkflow(run: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): CompletableFuture<WorkflowHandle<Void>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3), options))

    /** Runs the workflow whose `@WorkflowRun` method is [run] with [arg1], [arg2], [arg3] and completes with its result. */
    public fun <W, A1, A2, A3, R> executeWorkflow(run: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, R> executeWorkflow(run: AsyncFunc4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2, A3> executeWorkflow(run: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3, options: WorkflowOptions): CompletableFuture<Void> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3), options))

    /**
     * Starts the workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2], [arg3], [arg4],
     * converted with the method's parameter types, and completes with a handle whose result has the method's result type.
     */
    public fun <W, A1, A2, A3, A4, R> startWorkflow(run: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4), options))

    /**
     * [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do): the handle's result is
     * the future's value.
     */
    public fun <W, A1, A2, A3, A4, R> startWorkflow(run: AsyncFunc5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4), options))

    /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2, A3, A4> startWorkflow(run: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): CompletableFuture<WorkflowHandle<Void>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4), options))

    /** Runs the workflow whose `@WorkflowRun` method is [run] with [arg1], [arg2], [arg3], [arg4] and completes with its result. */
    public fun <W, A1, A2, A3, A4, R> executeWorkflow(run: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, A4, R> executeWorkflow(run: AsyncFunc5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2, A3, A4> executeWorkflow(run: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: WorkflowOptions): CompletableFuture<Void> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4), options))

    /**
     * Starts the workflow whose `@WorkflowRun` method is [run] (such as `OrderWorkflow::run`) with [arg1], [arg2], [arg3], [arg4], [arg5],
     * converted with the method's parameter types, and completes with a handle whose result has the method's result type.
     */
    public fun <W, A1, A2, A3, A4, A5, R> startWorkflow(run: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options))

    /**
     * [startWorkflow] for a `@WorkflowRun` method that returns a future (as Java workflows do): the handle's result is
     * the future's value.
     */
    public fun <W, A1, A2, A3, A4, A5, R> startWorkflow(run: AsyncFunc6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): CompletableFuture<WorkflowHandle<R>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options))

    /** [startWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2, A3, A4, A5> startWorkflow(run: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): CompletableFuture<WorkflowHandle<Void>> =
        start(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options))

    /** Runs the workflow whose `@WorkflowRun` method is [run] with [arg1], [arg2], [arg3], [arg4], [arg5] and completes with its result. */
    public fun <W, A1, A2, A3, A4, A5, R> executeWorkflow(run: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, A4, A5, R> executeWorkflow(run: AsyncFunc6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): CompletableFuture<R> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options))

    /** [executeWorkflow] for a `@WorkflowRun` method that returns nothing. */
    public fun <W, A1, A2, A3, A4, A5> executeWorkflow(run: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: WorkflowOptions): CompletableFuture<Void> =
        execute(WorkflowStart.typed(run, listOf(arg1, arg2, arg3, arg4, arg5), options))

    private fun <R> start(start: WorkflowStart<R>): CompletableFuture<WorkflowHandle<R>> =
        Futures.run { startNow(start) }

    private fun <R> execute(start: WorkflowStart<R>): CompletableFuture<R> =
        Futures.run { startNow(start).kotlin.result(true) }

    private suspend fun <R> startNow(start: WorkflowStart<R>): WorkflowHandle<R> {
        val options = Conversions.encodeMemo(start.options.kotlin, dataConverter)
        val handle = kotlinClient.startWorkflow<R>(
            start.workflowType, start.args, JavaKType.of(start.resultType), options, start.argKotlinTypes,
        )
        return WorkflowHandle(handle, dataConverter)
    }

    // ---- handles ----------------------------------------------------------------------------------------

    /** A handle to the latest run of the workflow [workflowId], whose result is taken as it decodes (`Object`). */
    public fun getWorkflowHandle(workflowId: String): WorkflowHandle<Any?> = handle(workflowId, null, null, Any::class.java)

    /** A handle to the latest run of the workflow [workflowId] whose result decodes as [resultClass]. */
    public fun <R> getWorkflowHandle(workflowId: String, resultClass: Class<R>): WorkflowHandle<R> =
        handle(workflowId, null, null, resultClass)

    /** A handle to the latest run of the workflow [workflowId] with a generic result type. */
    public fun <R> getWorkflowHandle(workflowId: String, resultType: TypeRef<R>): WorkflowHandle<R> =
        handle(workflowId, null, null, resultType.type)

    /** A handle to the latest run of the workflow [workflowId] whose result decodes as [resultType]. */
    public fun <R> getWorkflowHandle(workflowId: String, resultType: Type): WorkflowHandle<R> =
        handle(workflowId, null, null, resultType)

    /** A handle to the run [runId] of the workflow [workflowId] (the latest run when `null`). */
    public fun <R> getWorkflowHandle(workflowId: String, runId: String?, resultClass: Class<R>): WorkflowHandle<R> =
        handle(workflowId, runId, null, resultClass)

    /**
     * A handle to the run [runId] of the workflow [workflowId] (the latest run when `null`);
     * [firstExecutionRunId], when given, guards cancel and terminate against another chain with the same id.
     */
    public fun <R> getWorkflowHandle(workflowId: String, runId: String?, firstExecutionRunId: String?, resultType: Type): WorkflowHandle<R> =
        handle(workflowId, runId, firstExecutionRunId, resultType)

    private fun <R> handle(workflowId: String, runId: String?, firstExecutionRunId: String?, resultType: Type): WorkflowHandle<R> =
        WorkflowHandle(kotlinClient.getWorkflowHandle(workflowId, JavaKType.of(resultType), runId, firstExecutionRunId), dataConverter)

    // ---- signal-with-start and update-with-start --------------------------------------------------------

    /**
     * Sends the signal [signalName] with [signalArgs] (converted by their runtime class) to the running workflow
     * [WorkflowOptions.id] of [start], starting it first if it is not running, and completes with a handle to the
     * signaled run. The id conflict policy may be unset, `USE_EXISTING` or `TERMINATE_EXISTING`; `FAIL` is refused.
     *
     * ```java
     * client.signalWithStart(WorkflowStart.of(OrderWorkflow::run, order, options), "approve", "alice").join();
     * ```
     */
    public fun <R> signalWithStart(start: WorkflowStart<R>, signalName: String, vararg signalArgs: Any?): CompletableFuture<WorkflowHandle<R>> {
        val args = Conversions.args(signalArgs)
        return signalWithStart(start, signalName, args, Conversions.runtimeTypes(args))
    }

    /**
     * [signalWithStart] with the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`),
     * converted with the method's parameter types.
     */
    public fun <R, W> signalWithStart(start: WorkflowStart<R>, signal: Proc1<W>): CompletableFuture<WorkflowHandle<R>> =
        signalWithStartTyped(start, signal, emptyList())

    /**
     * [signalWithStart] with the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) and [arg1],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1> signalWithStart(start: WorkflowStart<R>, signal: Proc2<W, A1>, arg1: A1): CompletableFuture<WorkflowHandle<R>> =
        signalWithStartTyped(start, signal, listOf(arg1))

    /**
     * [signalWithStart] with the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) and [arg1], [arg2],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2> signalWithStart(start: WorkflowStart<R>, signal: Proc3<W, A1, A2>, arg1: A1, arg2: A2): CompletableFuture<WorkflowHandle<R>> =
        signalWithStartTyped(start, signal, listOf(arg1, arg2))

    /**
     * [signalWithStart] with the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) and [arg1], [arg2], [arg3],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, A3> signalWithStart(start: WorkflowStart<R>, signal: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<WorkflowHandle<R>> =
        signalWithStartTyped(start, signal, listOf(arg1, arg2, arg3))

    /**
     * [signalWithStart] with the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) and [arg1], [arg2], [arg3], [arg4],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, A3, A4> signalWithStart(start: WorkflowStart<R>, signal: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<WorkflowHandle<R>> =
        signalWithStartTyped(start, signal, listOf(arg1, arg2, arg3, arg4))

    /**
     * [signalWithStart] with the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) and [arg1], [arg2], [arg3], [arg4], [arg5],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, A3, A4, A5> signalWithStart(start: WorkflowStart<R>, signal: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<WorkflowHandle<R>> =
        signalWithStartTyped(start, signal, listOf(arg1, arg2, arg3, arg4, arg5))

    private fun <R> signalWithStartTyped(start: WorkflowStart<R>, reference: Serializable, args: List<Any?>): CompletableFuture<WorkflowHandle<R>> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.SIGNAL)
        return signalWithStart(start, method.name, args, method.argTypesFor(args))
    }

    private fun <R> signalWithStart(
        start: WorkflowStart<R>,
        signalName: String,
        args: List<Any?>,
        argTypes: List<KType>,
    ): CompletableFuture<WorkflowHandle<R>> = Futures.run {
        val options = Conversions.encodeMemo(start.options.kotlin, dataConverter)
        val handle = kotlinClient.signalWithStart<R>(
            start.workflowType, start.args, JavaKType.of(start.resultType), options, signalName, args,
            start.argKotlinTypes, argTypes,
        )
        WorkflowHandle(handle, dataConverter)
    }

    /**
     * Starts the workflow of [start] (or, with `WorkflowIdConflictPolicy.USE_EXISTING`, uses the running one) and sends
     * it the update [updateName] with [args] (converted by their runtime class) in one request, completing once the
     * update reached [UpdateOptions.waitForStage]. [start]'s options must set the id conflict policy.
     *
     * ```java
     * UpdateWithStartResult<Receipt, Integer> result = client.startUpdateWithStart(
     *     start, "addItem", Integer.class, UpdateOptions.defaults(), item).join();
     * ```
     */
    public fun <R, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        updateName: String,
        resultClass: Class<U>,
        options: UpdateOptions,
        vararg args: Any?,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartByName(start, updateName, resultClass, options, Conversions.args(args))

    /** [startUpdateWithStart] with a generic update result type. */
    public fun <R, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        updateName: String,
        resultType: TypeRef<U>,
        options: UpdateOptions,
        vararg args: Any?,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartByName(start, updateName, resultType.type, options, Conversions.args(args))

    /** [startUpdateWithStart] with the update result's `java.lang.reflect.Type`. */
    public fun <R, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        updateName: String,
        resultType: Type,
        options: UpdateOptions,
        vararg args: Any?,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartByName(start, updateName, resultType, options, Conversions.args(args))

    /**
     * Starts the workflow of [start] (or uses the running one) and sends it the update [updateName] with [args],
     * waits for the update to complete and completes with its result.
     */
    public fun <R, U> executeUpdateWithStart(start: WorkflowStart<R>, updateName: String, resultClass: Class<U>, vararg args: Any?): CompletableFuture<U> =
        resultOf(updateWithStartByName(start, updateName, resultClass, COMPLETED, Conversions.args(args)))

    /** [executeUpdateWithStart] with a generic update result type. */
    public fun <R, U> executeUpdateWithStart(start: WorkflowStart<R>, updateName: String, resultType: TypeRef<U>, vararg args: Any?): CompletableFuture<U> =
        resultOf(updateWithStartByName(start, updateName, resultType.type, COMPLETED, Conversions.args(args)))

    /** [executeUpdateWithStart] with the update result's `java.lang.reflect.Type`. */
    public fun <R, U> executeUpdateWithStart(start: WorkflowStart<R>, updateName: String, resultType: Type, vararg args: Any?): CompletableFuture<U> =
        resultOf(updateWithStartByName(start, updateName, resultType, COMPLETED, Conversions.args(args)))

    /**
     * [startUpdateWithStart] with the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`),
     * converted with the method's parameter types.
     */
    public fun <R, W, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Func1<W, U>,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, emptyList(), options)

    /** [startUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: AsyncFunc1<W, U>,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, emptyList(), options)

    /** [startUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Proc1<W>,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, Void>> = updateWithStartTyped(start, update, emptyList(), options)

    /** [executeUpdateWithStart] with the `@Update` method [update]. */
    public fun <R, W, U> executeUpdateWithStart(start: WorkflowStart<R>, update: Func1<W, U>): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, emptyList(), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, U> executeUpdateWithStart(start: WorkflowStart<R>, update: AsyncFunc1<W, U>): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, emptyList(), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W> executeUpdateWithStart(start: WorkflowStart<R>, update: Proc1<W>): CompletableFuture<Void> =
        resultOf(updateWithStartTyped(start, update, emptyList(), COMPLETED))

    /**
     * [startUpdateWithStart] with the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) and [arg1],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Func2<W, A1, U>, arg1: A1,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1), options)

    /** [startUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: AsyncFunc2<W, A1, U>, arg1: A1,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1), options)

    /** [startUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Proc2<W, A1>, arg1: A1,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, Void>> = updateWithStartTyped(start, update, listOf(arg1), options)

    /** [executeUpdateWithStart] with the `@Update` method [update] and [arg1]. */
    public fun <R, W, A1, U> executeUpdateWithStart(start: WorkflowStart<R>, update: Func2<W, A1, U>, arg1: A1): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, U> executeUpdateWithStart(start: WorkflowStart<R>, update: AsyncFunc2<W, A1, U>, arg1: A1): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1> executeUpdateWithStart(start: WorkflowStart<R>, update: Proc2<W, A1>, arg1: A1): CompletableFuture<Void> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1), COMPLETED))

    /**
     * [startUpdateWithStart] with the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) and [arg1], [arg2],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Func3<W, A1, A2, U>, arg1: A1, arg2: A2,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2), options)

    /** [startUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: AsyncFunc3<W, A1, A2, U>, arg1: A1, arg2: A2,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2), options)

    /** [startUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Proc3<W, A1, A2>, arg1: A1, arg2: A2,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, Void>> = updateWithStartTyped(start, update, listOf(arg1, arg2), options)

    /** [executeUpdateWithStart] with the `@Update` method [update] and [arg1], [arg2]. */
    public fun <R, W, A1, A2, U> executeUpdateWithStart(start: WorkflowStart<R>, update: Func3<W, A1, A2, U>, arg1: A1, arg2: A2): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, U> executeUpdateWithStart(start: WorkflowStart<R>, update: AsyncFunc3<W, A1, A2, U>, arg1: A1, arg2: A2): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2> executeUpdateWithStart(start: WorkflowStart<R>, update: Proc3<W, A1, A2>, arg1: A1, arg2: A2): CompletableFuture<Void> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2), COMPLETED))

    /**
     * [startUpdateWithStart] with the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) and [arg1], [arg2], [arg3],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, A3, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Func4<W, A1, A2, A3, U>, arg1: A1, arg2: A2, arg3: A3,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3), options)

    /** [startUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, A3, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: AsyncFunc4<W, A1, A2, A3, U>, arg1: A1, arg2: A2, arg3: A3,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3), options)

    /** [startUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2, A3> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, Void>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3), options)

    /** [executeUpdateWithStart] with the `@Update` method [update] and [arg1], [arg2], [arg3]. */
    public fun <R, W, A1, A2, A3, U> executeUpdateWithStart(start: WorkflowStart<R>, update: Func4<W, A1, A2, A3, U>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, A3, U> executeUpdateWithStart(start: WorkflowStart<R>, update: AsyncFunc4<W, A1, A2, A3, U>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2, A3> executeUpdateWithStart(start: WorkflowStart<R>, update: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<Void> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3), COMPLETED))

    /**
     * [startUpdateWithStart] with the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) and [arg1], [arg2], [arg3], [arg4],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, A3, A4, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Func5<W, A1, A2, A3, A4, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4), options)

    /** [startUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, A3, A4, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: AsyncFunc5<W, A1, A2, A3, A4, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4), options)

    /** [startUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2, A3, A4> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, Void>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4), options)

    /** [executeUpdateWithStart] with the `@Update` method [update] and [arg1], [arg2], [arg3], [arg4]. */
    public fun <R, W, A1, A2, A3, A4, U> executeUpdateWithStart(start: WorkflowStart<R>, update: Func5<W, A1, A2, A3, A4, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, A3, A4, U> executeUpdateWithStart(start: WorkflowStart<R>, update: AsyncFunc5<W, A1, A2, A3, A4, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2, A3, A4> executeUpdateWithStart(start: WorkflowStart<R>, update: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<Void> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4), COMPLETED))

    /**
     * [startUpdateWithStart] with the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) and [arg1], [arg2], [arg3], [arg4], [arg5],
     * converted with the method's parameter types.
     */
    public fun <R, W, A1, A2, A3, A4, A5, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Func6<W, A1, A2, A3, A4, A5, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [startUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, A3, A4, A5, U> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: AsyncFunc6<W, A1, A2, A3, A4, A5, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [startUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2, A3, A4, A5> startUpdateWithStart(
        start: WorkflowStart<R>,
        update: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, Void>> = updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [executeUpdateWithStart] with the `@Update` method [update] and [arg1], [arg2], [arg3], [arg4], [arg5]. */
    public fun <R, W, A1, A2, A3, A4, A5, U> executeUpdateWithStart(start: WorkflowStart<R>, update: Func6<W, A1, A2, A3, A4, A5, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4, arg5), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <R, W, A1, A2, A3, A4, A5, U> executeUpdateWithStart(start: WorkflowStart<R>, update: AsyncFunc6<W, A1, A2, A3, A4, A5, U>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<U> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4, arg5), COMPLETED))

    /** [executeUpdateWithStart] for an `@Update` method that returns nothing. */
    public fun <R, W, A1, A2, A3, A4, A5> executeUpdateWithStart(start: WorkflowStart<R>, update: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<Void> =
        resultOf(updateWithStartTyped(start, update, listOf(arg1, arg2, arg3, arg4, arg5), COMPLETED))

    private fun <R, U> updateWithStartTyped(
        start: WorkflowStart<R>,
        reference: Serializable,
        args: List<Any?>,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.UPDATE)
        return updateWithStart(start, method.name, method.resultType, args, method.argTypesFor(args), options)
    }

    private fun <R, U> updateWithStartByName(
        start: WorkflowStart<R>,
        updateName: String,
        resultType: Type,
        options: UpdateOptions,
        args: List<Any?>,
    ): CompletableFuture<UpdateWithStartResult<R, U>> =
        updateWithStart(start, updateName, resultType, args, Conversions.runtimeTypes(args), options)

    @Suppress("UNCHECKED_CAST")
    private fun <R, U> updateWithStart(
        start: WorkflowStart<R>,
        updateName: String,
        resultType: Type,
        args: List<Any?>,
        argTypes: List<KType>,
        options: UpdateOptions,
    ): CompletableFuture<UpdateWithStartResult<R, U>> {
        require(updateName.isNotBlank()) { "updateName must not be blank" }
        val updateId = options.updateIdOrRandom()
        return Futures.run {
            val startOptions = Conversions.encodeMemo(start.options.kotlin, dataConverter)
            val result = kotlinClient.startUpdateWithStart(
                start.workflowType, start.args, JavaKType.of(start.resultType), startOptions, updateName, args,
                JavaKType.of(resultType), options.waitForStage, updateId, start.argKotlinTypes, argTypes,
            )
            UpdateWithStartResult(
                WorkflowHandle(result.workflow as dev.temporalkt.client.WorkflowHandle<R>, dataConverter),
                WorkflowUpdateHandle(result.update as dev.temporalkt.client.WorkflowUpdateHandle<U>),
            )
        }
    }

    private fun <R, U> resultOf(started: CompletableFuture<UpdateWithStartResult<R, U>>): CompletableFuture<U> =
        started.thenCompose { it.updateHandle.getResult() }

    // ---- visibility -------------------------------------------------------------------------------------

    /**
     * Lists the workflow executions [options] selects and completes with all of them (up to its limit).
     *
     * ```java
     * List<WorkflowExecutionDescription> running = client.listWorkflows(
     *     ListWorkflowsOptions.of("WorkflowType = 'Orders' AND ExecutionStatus = 'Running'")).join();
     * ```
     */
    public fun listWorkflows(options: ListWorkflowsOptions): CompletableFuture<List<WorkflowExecutionDescription>> =
        Futures.run { kotlinFlow(options).toList() }

    /** Lists the workflow executions matching the visibility [query] (empty: all). */
    public fun listWorkflows(query: String): CompletableFuture<List<WorkflowExecutionDescription>> =
        listWorkflows(ListWorkflowsOptions.of(query))

    /**
     * The workflow executions [options] selects as a stream that fetches pages while it is consumed, blocking the
     * consuming thread meanwhile; close it (try-with-resources) to stop early.
     */
    public fun streamWorkflows(options: ListWorkflowsOptions): Stream<WorkflowExecutionDescription> = Futures.stream(kotlinFlow(options))

    /** [streamWorkflows] of the executions matching the visibility [query] (empty: all). */
    public fun streamWorkflows(query: String): Stream<WorkflowExecutionDescription> = streamWorkflows(ListWorkflowsOptions.of(query))

    private fun kotlinFlow(options: ListWorkflowsOptions) =
        kotlinClient.listWorkflows(options.query, options.pageSize, options.limit).map { WorkflowExecutionDescription(it, dataConverter) }

    /**
     * Counts the workflow executions matching the visibility [query], grouped when it ends with `GROUP BY` (e.g.
     * `GROUP BY ExecutionStatus`).
     */
    public fun countWorkflows(query: String): CompletableFuture<WorkflowExecutionCount> = Futures.run { kotlinClient.countWorkflows(query) }

    /** Counts all workflow executions of the namespace. */
    public fun countWorkflows(): CompletableFuture<WorkflowExecutionCount> = countWorkflows("")

    // ---- asynchronous activity completion --------------------------------------------------------------

    /** A handle to complete the activity that received [taskToken] (from its activity info) asynchronously. */
    public fun getAsyncActivityHandle(taskToken: ByteArray): AsyncActivityHandle =
        AsyncActivityHandle(kotlinClient.getAsyncActivityHandle(taskToken))

    /** A handle to complete the activity [activityId] of the workflow [workflowId] (its latest run when [runId] is `null`). */
    public fun getAsyncActivityHandle(workflowId: String, runId: String?, activityId: String): AsyncActivityHandle =
        AsyncActivityHandle(kotlinClient.getAsyncActivityHandle(workflowId, activityId, runId))

    /**
     * Closes the connection if this client opened it ([connect]); a client made with [of] or [newInstance] leaves
     * the connection to its owner.
     */
    override fun close() {
        if (ownsConnection) connection.close()
    }

    override fun toString(): String = "TemporalClient(namespace=$namespace, connection=$connection)"

    /** Factories. */
    public companion object {
        private val COMPLETED: UpdateOptions = UpdateOptions.waitFor(WorkflowUpdateStage.COMPLETED)

        /**
         * Connects to the server [connectionOptions] describes and completes with a client over that connection.
         * Unless the options are lazy, a wrong address, CA, missing client certificate or rejected API key completes
         * the future with [dev.temporalkt.client.ConnectionException] saying which.
         *
         * ```java
         * try (TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target("localhost:7233").build()).join()) {
         *     ...
         * }
         * ```
         */
        @JvmStatic
        public fun connect(connectionOptions: ConnectionOptions): CompletableFuture<TemporalClient> =
            connect(connectionOptions, ClientOptions.defaults())

        /** [connect] with [clientOptions] (namespace, data converter, codecs, interceptors). */
        @JvmStatic
        public fun connect(connectionOptions: ConnectionOptions, clientOptions: ClientOptions): CompletableFuture<TemporalClient> {
            val options = clientOptions.toKotlin()
            return Futures.run { TemporalClient(Client.connect(connectionOptions.kotlin, options), ownsConnection = true) }
        }

        /**
         * Connects to the server an environment configuration profile describes (address, namespace, API key, TLS and
         * gRPC metadata; see [ClientConfigProfile.load], which reads the TOML file and the `TEMPORAL_*` variables).
         *
         * ```java
         * TemporalClient client = TemporalClient.connect(ClientConfigProfile.load()).join();
         * ```
         *
         * @throws dev.temporalkt.envconfig.ClientConfigException when a TLS file of the profile cannot be read.
         */
        @JvmStatic
        public fun connect(profile: ClientConfigProfile): CompletableFuture<TemporalClient> =
            connect(ConnectionOptions.fromProfile(profile), ClientOptions.defaults())

        /** [connect] with a profile and [clientOptions] for what profiles do not cover. */
        @JvmStatic
        public fun connect(profile: ClientConfigProfile, clientOptions: ClientOptions): CompletableFuture<TemporalClient> =
            connect(ConnectionOptions.fromProfile(profile), clientOptions)

        /** A client over an open [connection] (which stays its owner's to close). */
        @JvmStatic
        public fun newInstance(connection: Connection, clientOptions: ClientOptions): TemporalClient =
            TemporalClient(Client(connection, clientOptions.toKotlin()), ownsConnection = false)

        /**
         * The Java surface of the Kotlin [client]: same connection, namespace, interceptors and data converter (its
         * payload converter taking Java types through its `java.lang.reflect.Type` entry points).
         */
        @JvmStatic
        public fun of(client: Client): TemporalClient {
            val converter = JavaTypeRoutingPayloadConverter.route(client.dataConverter)
            val kotlinClient = if (converter === client.dataConverter) client else Client(client.connection, client.options.copy(dataConverter = converter))
            return TemporalClient(kotlinClient, ownsConnection = false)
        }
    }
}
