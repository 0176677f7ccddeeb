package dev.temporalkt.client

import dev.temporalkt.client.internal.ArgumentTypes
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.envconfig.ClientConfigProfile
import kotlinx.coroutines.flow.Flow
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * The Temporal client: starts workflows, gets handles to them, lists and counts them, and completes activities
 * asynchronously. Every call goes through the [ClientOptions.interceptors] and converts values with the
 * [ClientOptions.dataConverter] (codecs included). All calls suspend; RPC errors throw
 * [dev.temporalkt.failure.RpcException] with the status code.
 *
 * ```kotlin
 * val client = Client.connect(ConnectionOptions(target = "localhost:7233"))
 * // or with the TOML profile and TEMPORAL_* environment variables the other Temporal SDKs and the CLI read:
 * val configured = Client.connect(ClientConfigProfile.load())
 * val result: String = client.executeWorkflow("Greeting", "Ada", options = WorkflowOptions("greet-ada", "greetings"))
 * ```
 *
 * The name-based members take argument lists with their types; the inline extensions with `vararg` arguments
 * and a reified result type are the conveniences built on them. Schedules are managed with the extensions of
 * `dev.temporalkt.client.schedule` (`client.createSchedule(...)`, `client.getScheduleHandle(...)`).
 */
public class Client(
    /** The connection the client's calls use. */
    public val connection: Connection,
    /** The client's settings. */
    public val options: ClientOptions = ClientOptions(),
) {
    /** The namespace the client works in. */
    public val namespace: String = options.namespace ?: connection.namespace

    /** The identity the server records for this client's calls. */
    public val identity: String = options.identity ?: connection.identity

    /** The data converter of this client. */
    public val dataConverter: DataConverter get() = options.dataConverter

    internal val outbound: ClientOutboundInterceptor =
        options.interceptors.foldRight(RootClientOutbound(this) as ClientOutboundInterceptor) { interceptor, next ->
            interceptor.interceptClient(next)
        }

    /** What the features built on the client (such as its schedule calls) keep per client, by feature, made on first use. */
    private val features = ConcurrentHashMap<Any, Lazy<Any>>()

    /**
     * What the feature [key] keeps for this client (such as the chain of its calls), made by [create] the first time
     * it is asked for and shared by all later calls.
     */
    @Suppress("UNCHECKED_CAST")
    internal fun <T : Any> feature(key: Any, create: (Client) -> T): T =
        features.computeIfAbsent(key) { lazy { create(this) } }.value as T

    /**
     * Starts the workflow [workflowType] with [args] of [argTypes] and returns a handle whose result decodes as
     * [resultType]. Throws [dev.temporalkt.failure.WorkflowAlreadyStartedException] when an execution with the id
     * is running (or closed and [WorkflowOptions.idReusePolicy] forbids reuse).
     *
     * The handle targets the latest run of the id ([WorkflowHandle.runId] is `null`), waits for the result from the
     * run this call started ([WorkflowHandle.resultRunId]) and guards cancel and terminate with it
     * ([WorkflowHandle.firstExecutionRunId]); see [WorkflowHandle] for which run each call reaches.
     */
    public suspend fun <R> startWorkflow(
        workflowType: String,
        args: List<Any?>,
        resultType: KType,
        options: WorkflowOptions,
        argTypes: List<KType> = ArgumentTypes.infer(args),
    ): WorkflowHandle<R> = start(StartWorkflowInput(workflowType, args, argTypes, resultType, options))

    /**
     * Sends the signal [signalName] with [signalArgs] to the running workflow [WorkflowOptions.id], starting it first
     * (with [args]) if it is not running. Returns a handle to the signaled run.
     *
     * A running workflow is always signaled, so [WorkflowOptions.idConflictPolicy] may be left unset,
     * [WorkflowIdConflictPolicy.USE_EXISTING] or [WorkflowIdConflictPolicy.TERMINATE_EXISTING];
     * [WorkflowIdConflictPolicy.FAIL] is refused with an [IllegalArgumentException] (use [startWorkflow] to fail
     * on a running id).
     *
     * The handle's [WorkflowHandle.resultRunId] is the signaled run; its [WorkflowHandle.firstExecutionRunId] is that
     * run only when the server reports that this call started it (the dev server and Temporal Cloud do; the
     * time-skipping test server does not), and `null` when it signaled a running workflow.
     *
     * The inline extension of the same name takes the workflow arguments as `vararg` and the result type as a type
     * argument: `client.signalWithStart<String>("Cart", "ada", signalName = "addItem", signalArgs = listOf("pear"),
     * options = options)`.
     */
    public suspend fun <R> signalWithStart(
        workflowType: String,
        args: List<Any?>,
        resultType: KType,
        options: WorkflowOptions,
        signalName: String,
        signalArgs: List<Any?>,
        argTypes: List<KType> = ArgumentTypes.infer(args),
        signalArgTypes: List<KType> = ArgumentTypes.infer(signalArgs),
    ): WorkflowHandle<R> {
        require(signalName.isNotBlank()) { "signalName must not be blank: give the name of the signal to send" }
        require(options.idConflictPolicy != WorkflowIdConflictPolicy.FAIL) {
            "signalWithStart cannot use idConflictPolicy = FAIL: it signals a running workflow instead of failing. " +
                "Leave the policy unset or use USE_EXISTING, or call startWorkflow to fail when the id is running"
        }
        return start(
            StartWorkflowInput(workflowType, args, argTypes, resultType, options, startSignal = signalName,
                startSignalArgs = signalArgs, startSignalArgTypes = signalArgTypes),
        )
    }

    /** What [startWorkflow] and [signalWithStart] share: the checks of the start and the call through the chain. */
    private suspend fun <R> start(input: StartWorkflowInput): WorkflowHandle<R> {
        require(input.workflowType.isNotBlank()) { "workflowType must not be blank: give the registered workflow type name" }
        @Suppress("UNCHECKED_CAST")
        return outbound.startWorkflow(input) as WorkflowHandle<R>
    }

    /**
     * Starts the workflow (or, with [WorkflowIdConflictPolicy.USE_EXISTING], uses the running one) and sends it
     * the update [updateName] in one request, returning once the update reached [waitForStage].
     * [WorkflowOptions.idConflictPolicy] must be set.
     *
     * The result's workflow handle is like one from [startWorkflow]; its [WorkflowHandle.firstExecutionRunId] is
     * `null` when the call used a running workflow instead of starting one. Throws
     * [dev.temporalkt.failure.WorkflowAlreadyStartedException] when the start fails because the id is in use, and
     * [dev.temporalkt.failure.WorkflowUpdateNotFoundException] when the run closes before accepting the update.
     */
    public suspend fun startUpdateWithStart(
        workflowType: String,
        args: List<Any?>,
        resultType: KType,
        options: WorkflowOptions,
        updateName: String,
        updateArgs: List<Any?>,
        updateResultType: KType,
        waitForStage: WorkflowUpdateStage = WorkflowUpdateStage.ACCEPTED,
        updateId: String = java.util.UUID.randomUUID().toString(),
        argTypes: List<KType> = ArgumentTypes.infer(args),
        updateArgTypes: List<KType> = ArgumentTypes.infer(updateArgs),
    ): UpdateWithStartResult {
        require(options.idConflictPolicy != WorkflowIdConflictPolicy.UNSPECIFIED) {
            "Update-with-start needs WorkflowOptions.idConflictPolicy (USE_EXISTING to update a running workflow, or FAIL)"
        }
        require(waitForStage != WorkflowUpdateStage.ADMITTED) { "waitForStage = ADMITTED is not supported; wait for ACCEPTED or COMPLETED" }
        return outbound.startUpdateWithStartWorkflow(
            StartUpdateWithStartInput(
                StartWorkflowInput(workflowType, args, argTypes, resultType, options),
                StartWorkflowUpdateInput(options.id, null, null, updateId, updateName, updateArgs, updateArgTypes,
                    updateResultType, waitForStage),
            ),
        )
    }

    /**
     * A handle to the workflow [workflowId]: to the run [runId], or to the latest run when `null`.
     * [firstExecutionRunId], when given, guards cancel and terminate against a different chain with the same id.
     */
    public fun <R> getWorkflowHandle(
        workflowId: String,
        resultType: KType,
        runId: String? = null,
        firstExecutionRunId: String? = null,
    ): WorkflowHandle<R> {
        require(workflowId.isNotBlank()) { "workflowId must not be blank" }
        return WorkflowHandle(this, workflowId, runId, runId, firstExecutionRunId, resultType)
    }

    /**
     * Lists workflow executions matching the visibility [query] (e.g. `WorkflowType = 'Order' AND
     * ExecutionStatus = 'Running'`; empty = all), fetching pages of [pageSize] lazily while collecting, at most
     * [limit] executions.
     */
    public fun listWorkflows(query: String = "", pageSize: Int = 0, limit: Int? = null): Flow<WorkflowExecutionDescription> {
        require(pageSize >= 0) { "pageSize must not be negative (0 = server default), was $pageSize" }
        require(limit == null || limit >= 0) { "limit must not be negative, was $limit" }
        return outbound.listWorkflows(ListWorkflowsInput(query, pageSize, limit))
    }

    /** Counts workflow executions matching the visibility [query], grouped when it ends with `GROUP BY`. */
    public suspend fun countWorkflows(query: String = ""): WorkflowExecutionCount = outbound.countWorkflows(CountWorkflowsInput(query))

    /** A handle to complete the activity that received [taskToken] asynchronously. */
    public fun getAsyncActivityHandle(taskToken: ByteArray): AsyncActivityHandle =
        AsyncActivityHandle(this, AsyncActivityId.TaskToken(taskToken))

    /** A handle to complete the activity [activityId] of workflow [workflowId] (latest run if [runId] is null). */
    public fun getAsyncActivityHandle(workflowId: String, activityId: String, runId: String? = null): AsyncActivityHandle =
        AsyncActivityHandle(this, AsyncActivityId.ById(workflowId, runId, activityId))

    override fun toString(): String = "Client(namespace=$namespace, connection=$connection)"

    /** Ways to connect a client. */
    public companion object {
        /** Connects to the server described by [connectionOptions] and returns a client over that connection. */
        public suspend fun connect(
            connectionOptions: ConnectionOptions,
            clientOptions: ClientOptions = ClientOptions(),
        ): Client = Client(Connection.connect(connectionOptions), clientOptions)

        /**
         * Connects to the server [profile] describes (address, namespace, API key, TLS and gRPC metadata, see
         * [toConnectionOptions]) and returns a client over that connection. Settings the profile leaves unset keep the
         * defaults of [base]; [clientOptions] sets what profiles do not cover (data converter, interceptors).
         *
         * ```kotlin
         * // ~/.config/temporalio/temporal.toml (or the file TEMPORAL_CONFIG_FILE names):
         * //   [profile.default]
         * //   address = "localhost:7233"
         * //   namespace = "orders"
         * val client = Client.connect(ClientConfigProfile.load())
         * val staging = Client.connect(ClientConfigProfile.load(profile = "staging"), ClientOptions(interceptors = listOf(tracing)))
         * ```
         *
         * @throws dev.temporalkt.envconfig.ClientConfigException when a TLS file of the profile cannot be read.
         * @throws ConnectionException when the server cannot be reached (unless [base] is lazy).
         */
        public suspend fun connect(
            profile: ClientConfigProfile,
            clientOptions: ClientOptions = ClientOptions(),
            base: ConnectionOptions = ConnectionOptions(),
        ): Client = connect(profile.toConnectionOptions(base), clientOptions)
    }
}

/** Starts the workflow [workflowType] with [args] and returns a handle whose result decodes as [R]. */
public suspend inline fun <reified R> Client.startWorkflow(
    workflowType: String,
    vararg args: Any?,
    options: WorkflowOptions,
): WorkflowHandle<R> = startWorkflow(workflowType, args.toList(), typeOf<R>(), options)

/**
 * Sends the signal [signalName] with [signalArgs] to the running workflow [WorkflowOptions.id], or starts it with
 * [args] and the signal if it is not running (see the member [Client.signalWithStart]); the result decodes as [R].
 *
 * ```kotlin
 * val handle = client.signalWithStart<List<String>>("Cart", "ada", signalName = "addItem", signalArgs = listOf("pear", 2),
 *     options = WorkflowOptions(id = "cart-ada", taskQueue = "carts"))
 * ```
 */
public suspend inline fun <reified R> Client.signalWithStart(
    workflowType: String,
    vararg args: Any?,
    signalName: String,
    signalArgs: List<Any?> = emptyList(),
    options: WorkflowOptions,
): WorkflowHandle<R> = signalWithStart(workflowType, args.toList(), typeOf<R>(), options, signalName, signalArgs)

/** Starts the workflow [workflowType] with [args], waits for it to close and returns its result as [R]. */
public suspend inline fun <reified R> Client.executeWorkflow(
    workflowType: String,
    vararg args: Any?,
    options: WorkflowOptions,
): R = startWorkflow<R>(workflowType, args.toList(), typeOf<R>(), options).result()

/** A handle to the workflow [workflowId] (latest run unless [runId] is given) whose result decodes as [R]. */
public inline fun <reified R> Client.getWorkflowHandle(workflowId: String, runId: String? = null): WorkflowHandle<R> =
    getWorkflowHandle(workflowId, typeOf<R>(), runId)
