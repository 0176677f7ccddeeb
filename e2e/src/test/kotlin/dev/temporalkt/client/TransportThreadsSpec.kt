@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.CompleteWorkflowExecutionCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoRequest
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoResponse
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.testing.SharedServers
import io.grpc.stub.StreamObserver
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.util.Collections
import java.util.UUID
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration.Companion.seconds

/** Netty's event-loop threads, as grpc-netty names them (epoll or NIO transport). */
private val EVENT_LOOP = Regex("grpc-(default|nio)-worker-ELG-.*")

/**
 * A dispatcher on one thread named [name] that records, for every coroutine it is asked to resume, the thread that
 * asked: for a call's response, the thread that ran the call's gRPC callback.
 */
private class RecordingDispatcher(private val name: String) : CoroutineDispatcher(), AutoCloseable {
    private val executor = Executors.newSingleThreadExecutor { Thread(it, name) }
    private val delegate = executor.asCoroutineDispatcher()
    val dispatchedFrom: MutableList<String> = Collections.synchronizedList(mutableListOf())

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        dispatchedFrom += Thread.currentThread().name
        delegate.dispatch(context, block)
    }

    /**
     * Runs [block] here and returns what it returned and the threads that resumed it while it ran (thread names may
     * carry a coroutine suffix in debug mode).
     */
    suspend fun <T> record(block: suspend () -> T): Pair<T, List<String>> = withContext(this) {
        val from = dispatchedFrom.size
        val result = block()
        check(Thread.currentThread().name.startsWith(name)) { "resumed on ${Thread.currentThread().name}, not on $name" }
        result to dispatchedFrom.subList(from, dispatchedFrom.size).toList()
    }

    override fun close() = executor.shutdownNow().let {}
}

/**
 * The connection's threading rule (see `ChannelFactory`): a response goes from the transport's event-loop thread to
 * the thread its caller resumes on in one hand-off, no grpc-java callback executor in between, and no user code ever
 * runs on the event loop.
 */
class TransportThreadsSpec : FunSpec({
    val target = { SharedServers.devServer().target }

    test("a long poll's response and a task completion go from the event loop straight to the caller's dispatcher") {
        Connection.connect(ConnectionOptions(target = target())).use { connection ->
            RecordingDispatcher("transport-test-caller").use { caller ->
                val client = Client(connection)
                val taskQueue = "transport-threads-${UUID.randomUUID()}"
                val handle = client.startWorkflow<String>("TransportThreads", options = WorkflowOptions("transport-${UUID.randomUUID()}", taskQueue))

                val (task, pollResumedFrom) = caller.record {
                    connection.unary(
                        WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod(),
                        PollWorkflowTaskQueueRequest.newBuilder().setNamespace(connection.namespace).setIdentity(connection.identity)
                            .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue)).build(),
                    )
                }
                task.workflowExecution.workflowId shouldBe handle.id
                // one hand-off: the response resumed the poll once, from an event-loop thread
                pollResumedFrom shouldHaveSize 1
                pollResumedFrom.single() shouldMatch EVENT_LOOP

                val complete = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                    .setCompleteWorkflowExecutionCommandAttributes(CompleteWorkflowExecutionCommandAttributes.getDefaultInstance())
                val (_, completionResumedFrom) = caller.record {
                    connection.unary(
                        WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod(),
                        RespondWorkflowTaskCompletedRequest.newBuilder().setNamespace(connection.namespace)
                            .setIdentity(connection.identity).setTaskToken(task.taskToken).addCommands(complete).build(),
                    )
                }
                completionResumedFrom shouldHaveSize 1
                completionResumedFrom.single() shouldMatch EVENT_LOOP
                handle.describe().status shouldBe WorkflowExecutionStatus.COMPLETED
            }
        }
    }

    test("the client's coroutine stubs resume their caller from the event loop, never from grpc's callback executor") {
        Connection.connect(ConnectionOptions(target = target())).use { connection ->
            RecordingDispatcher("transport-test-client").use { caller ->
                val (info, resumedFrom) = caller.record {
                    connection.workflowService.getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                }
                info.capabilities.signalAndQueryHeader shouldBe true
                // the stub's own coroutines are started from the caller's thread; the response comes from the event loop
                resumedFrom.filter { !it.startsWith("transport-test-client") }.distinct().let { others ->
                    others shouldHaveSize 1
                    others.single() shouldMatch EVENT_LOOP
                }
            }
        }
    }

    test("a client interceptor that blocks after the response does not stall other calls on the connection") {
        Connection.connect(ConnectionOptions(target = target())).use { connection ->
            val blocked = CompletableDeferred<String>()
            val release = CountDownLatch(1)
            val blocking = ClientInterceptor { next ->
                object : ClientOutboundInterceptor(next) {
                    override suspend fun describeWorkflow(input: DescribeWorkflowInput): WorkflowExecutionDescription {
                        val description = super.describeWorkflow(input)
                        // user code that blocks its thread once the response is in
                        blocked.complete(Thread.currentThread().name)
                        release.await()
                        return description
                    }
                }
            }
            val client = Client(connection, ClientOptions(interceptors = listOf(blocking)))
            val handle = client.startWorkflow<String>(
                "TransportThreads", options = WorkflowOptions("transport-${UUID.randomUUID()}", "transport-threads-${UUID.randomUUID()}"),
            )
            withTimeout(30.seconds) {
                coroutineScope {
                    val describing = async(Dispatchers.IO) { handle.describe() }
                    val blockedOn = blocked.await()
                    blockedOn shouldMatch Regex("DefaultDispatcher-worker-.*")
                    // the interceptor holds its thread; the event loop still serves other calls
                    connection.unary(WorkflowServiceGrpc.getGetSystemInfoMethod(), GetSystemInfoRequest.getDefaultInstance())
                        .capabilities.signalAndQueryHeader shouldBe true
                    Client(connection).getWorkflowHandle<String>(handle.id).describe().status shouldBe
                        WorkflowExecutionStatus.RUNNING
                    release.countDown()
                    describing.await().status shouldBe WorkflowExecutionStatus.RUNNING
                }
            }
            handle.terminate("transport threads checked")
        }
    }

    test("an application's async stub on Connection.channel gets its callbacks off the event loop, so it may block") {
        Connection.connect(ConnectionOptions(target = target())).use { connection ->
            val observedOn = CompletableDeferred<String>()
            val release = CountDownLatch(1)
            val done = CompletableDeferred<GetSystemInfoResponse>()
            WorkflowServiceGrpc.newStub(connection.channel).getSystemInfo(
                GetSystemInfoRequest.getDefaultInstance(),
                object : StreamObserver<GetSystemInfoResponse> {
                    override fun onNext(value: GetSystemInfoResponse) {
                        observedOn.complete(Thread.currentThread().name)
                        release.await()
                        done.complete(value)
                    }

                    override fun onError(t: Throwable) {
                        observedOn.completeExceptionally(t)
                        done.completeExceptionally(t)
                    }

                    override fun onCompleted() {}
                },
            )
            withTimeout(30.seconds) {
                val thread = observedOn.await()
                thread shouldMatch Regex("grpc-default-executor-.*")
                // the observer blocks its thread; the SDK's calls on the same connection still get their answers
                connection.unary(WorkflowServiceGrpc.getGetSystemInfoMethod(), GetSystemInfoRequest.getDefaultInstance())
                    .capabilities.signalAndQueryHeader shouldBe true
                connection.workflowService.getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                    .capabilities.signalAndQueryHeader shouldBe true
                release.countDown()
                done.await().capabilities.signalAndQueryHeader shouldBe true
            }
        }
    }
})
