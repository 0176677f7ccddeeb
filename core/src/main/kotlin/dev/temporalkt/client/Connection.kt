@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.api.operatorservice.v1.OperatorServiceGrpc
import dev.temporalkt.api.operatorservice.v1.OperatorServiceGrpcKt.OperatorServiceCoroutineStub
import dev.temporalkt.api.testservice.v1.TestServiceGrpc
import dev.temporalkt.api.testservice.v1.TestServiceGrpcKt.TestServiceCoroutineStub
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoRequest
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoResponse
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpcKt.WorkflowServiceCoroutineStub
import dev.temporalkt.client.internal.CallHeadersInterceptor
import dev.temporalkt.client.internal.DefaultDeadlineInterceptor
import dev.temporalkt.client.internal.RpcMetricsInterceptor
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.internal.SdkIdentity
import dev.temporalkt.startup.internal.ClassWarmUp
import io.grpc.Channel
import io.grpc.ClientInterceptors
import io.grpc.ManagedChannel
import io.grpc.Metadata
import io.grpc.StatusException
import io.grpc.StatusRuntimeException
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import java.util.concurrent.Executors
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.TimeUnit
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * An open gRPC connection to a Temporal frontend, shared by clients and workers.
 *
 * Every call made through [workflowService], [operatorService], [testService] or [channel] carries the API key and
 * metadata, gets a default deadline and is retried on transient failures as [ConnectionOptions.retry] describes.
 * A connection is thread-safe and meant to live as long as the application; [close] it at the end.
 *
 * ```kotlin
 * Connection.connect(ConnectionOptions(target = "localhost:7233")).use { connection ->
 *     val info = connection.systemInfo()
 *     println("server ${info.serverVersion}")
 * }
 * ```
 */
public class Connection private constructor(
    /** The options this connection was opened with. [apiKey] and [metadata] may since have changed. */
    public val options: ConnectionOptions,
    private val managedChannel: ManagedChannel,
    private val scheduler: ScheduledExecutorService,
) : AutoCloseable {
    @Volatile
    private var currentApiKey: String? = options.apiKey

    @Volatile
    private var currentMetadata: Map<String, String> = options.metadata.normalized()

    private val systemInfoLock = Mutex()

    @Volatile
    private var cachedSystemInfo: GetSystemInfoResponse? = null

    /**
     * The API key sent on every call. Setting it (for example after rotating a key) applies to the next call;
     * `null` stops sending one.
     */
    public var apiKey: String?
        get() = currentApiKey
        set(value) {
            currentApiKey = value
        }

    /** Extra gRPC headers sent on every call. Replacing them applies to the next call. */
    public var metadata: Map<String, String>
        get() = currentMetadata
        set(value) {
            currentMetadata = value.normalized()
        }

    /** The namespace this connection's callers address. */
    public val namespace: String get() = options.namespace

    /** The identity recorded by the server for calls made by this process. */
    public val identity: String get() = options.identity

    /**
     * The channel with this connection's headers, deadlines and retries applied, for stubs of any flavour
     * (blocking, future or coroutine). Callbacks of calls made on it without an executor of their own (an async
     * stub's `StreamObserver`, say) run on grpc-java's shared callback executor, never on the transport's event loop,
     * so they may block without stalling other calls.
     */
    public val channel: Channel = ClientInterceptors.intercept(
        managedChannel,
        listOfNotNull(
            options.metricMeter.takeIf { it !== MetricMeter.NOOP }
                ?.let { RpcMetricsInterceptor(it, options.namespace, options.metricDurationsInSeconds) },
            CallHeadersInterceptor(::currentHeaders),
            RetryInterceptor(options.retry, scheduler),
            DefaultDeadlineInterceptor(options.rpcTimeout.inWholeNanoseconds, options.longPollTimeout.inWholeNanoseconds),
        ),
    )

    /**
     * Coroutine stub of the workflow service: workflows, tasks, schedules, visibility, namespaces. The response is
     * handed straight from the transport thread to the calling coroutine's dispatcher.
     */
    public val workflowService: WorkflowServiceCoroutineStub =
        WorkflowServiceCoroutineStub(channel).withExecutor(ChannelFactory.onTransportThread)

    /** Blocking stub of the workflow service, for Java callers and tools. */
    public val workflowServiceBlocking: WorkflowServiceGrpc.WorkflowServiceBlockingStub = WorkflowServiceGrpc.newBlockingStub(channel)

    /** Coroutine stub of the operator service: search attributes, Nexus endpoints, clusters. */
    public val operatorService: OperatorServiceCoroutineStub =
        OperatorServiceCoroutineStub(channel).withExecutor(ChannelFactory.onTransportThread)

    /** Blocking stub of the operator service. */
    public val operatorServiceBlocking: OperatorServiceGrpc.OperatorServiceBlockingStub = OperatorServiceGrpc.newBlockingStub(channel)

    /** Coroutine stub of the test service, answered only by the time-skipping test server. */
    public val testService: TestServiceCoroutineStub =
        TestServiceCoroutineStub(channel).withExecutor(ChannelFactory.onTransportThread)

    /** Blocking stub of the test service. */
    public val testServiceBlocking: TestServiceGrpc.TestServiceBlockingStub = TestServiceGrpc.newBlockingStub(channel)

    /**
     * The server's version and capabilities. Fetched with `GetSystemInfo` on first use (or by [connect]) and
     * cached for the life of the connection, since the server behind an address does not change capabilities
     * without a restart.
     */
    public suspend fun systemInfo(): GetSystemInfoResponse {
        cachedSystemInfo?.let { return it }
        return systemInfoLock.withLock {
            cachedSystemInfo ?: workflowService.getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                .also { cachedSystemInfo = it }
        }
    }

    /** Whether [close] has been called. */
    public val isClosed: Boolean get() = managedChannel.isShutdown

    /**
     * Stops accepting new calls and waits up to [timeout] for calls in flight to finish, then cancels the rest.
     */
    public fun close(timeout: Duration) {
        managedChannel.shutdown()
        try {
            if (!managedChannel.awaitTermination(timeout.inWholeMilliseconds, TimeUnit.MILLISECONDS)) {
                managedChannel.shutdownNow()
                managedChannel.awaitTermination(1, TimeUnit.SECONDS)
            }
        } catch (e: InterruptedException) {
            managedChannel.shutdownNow()
            Thread.currentThread().interrupt()
        } finally {
            scheduler.shutdownNow()
        }
    }

    /** Closes the connection, giving calls in flight up to five seconds to finish. */
    override fun close(): Unit = close(5.seconds)

    override fun toString(): String = "Connection(${options.target}, namespace=${options.namespace})"

    private fun currentHeaders(): Metadata {
        val headers = Metadata()
        headers.put(CLIENT_NAME, SdkIdentity.name)
        headers.put(CLIENT_VERSION, SdkIdentity.version)
        for ((name, value) in currentMetadata) headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value)
        currentApiKey?.let { headers.put(AUTHORIZATION, "Bearer $it") }
        return headers
    }

    public companion object {
        private val AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)
        private val CLIENT_NAME = Metadata.Key.of("client-name", Metadata.ASCII_STRING_MARSHALLER)
        private val CLIENT_VERSION = Metadata.Key.of("client-version", Metadata.ASCII_STRING_MARSHALLER)

        /**
         * Opens a connection. Unless [ConnectionOptions.lazy] is set, it checks the connection with `GetSystemInfo`
         * and throws [ConnectionException] saying what went wrong (unreachable address, TLS handshake, rejected API
         * key or client certificate) instead of returning a connection that cannot work.
         */
        public suspend fun connect(options: ConnectionOptions): Connection {
            val connection = open(options)
            if (!options.lazy) {
                try {
                    connection.systemInfo()
                } catch (e: Exception) {
                    connection.close(1.seconds)
                    val status = when (e) {
                        is StatusException -> e.status
                        is StatusRuntimeException -> e.status
                        else -> throw e
                    }
                    throw ConnectionException(ConnectionErrors.describe(options, status), e)
                }
            }
            return connection
        }

        /** Opens a connection without checking it; the first call connects. */
        @JvmStatic
        public fun open(options: ConnectionOptions): Connection {
            val scheduler = Executors.newSingleThreadScheduledExecutor { task ->
                Thread(task, "temporal-kt-rpc-retry").apply { isDaemon = true }
            }
            val channel = ChannelFactory.create(options)
            ClassWarmUp.startForConnection()
            return Connection(options, channel, scheduler)
        }
    }
}

private fun Map<String, String>.normalized(): Map<String, String> = entries.associate { (name, value) ->
    val key = name.lowercase()
    require(key.isNotEmpty() && key.all { it.isLetterOrDigit() || it in "-_." }) {
        "gRPC metadata name '$name' is not valid: use letters, digits, '-', '_' or '.'"
    }
    require(!key.endsWith("-bin")) { "gRPC metadata name '$name' is binary (-bin); only text metadata is supported" }
    key to value
}
