package dev.temporalkt.testing.internal

import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import io.grpc.ManagedChannel
import io.grpc.ManagedChannelBuilder
import io.grpc.StatusRuntimeException
import java.util.concurrent.TimeUnit

/**
 * Polls a freshly started server over plaintext gRPC until it answers `GetSystemInfo` and knows the
 * namespace the caller will use (the dev server registers namespaces during start-up, so a frontend
 * that answers is not necessarily ready to start workflows).
 */
internal object ReadinessProbe {
    /** Outcome of [await]. */
    sealed interface Outcome {
        data object Ready : Outcome
        data class Exited(val exitCode: Int) : Outcome
        data class TimedOut(val lastError: String) : Outcome
    }

    fun await(host: String, port: Int, namespace: String, deadlineNanos: Long, exitCode: () -> Int?): Outcome {
        val channel: ManagedChannel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build()
        try {
            val stub = WorkflowServiceGrpc.newBlockingStub(channel)
            var lastError = "no attempt made"
            while (true) {
                exitCode()?.let { return Outcome.Exited(it) }
                val remainingNanos = deadlineNanos - System.nanoTime()
                if (remainingNanos <= 0) return Outcome.TimedOut(lastError)
                val attemptNanos = minOf(remainingNanos, ATTEMPT_TIMEOUT_NANOS)
                try {
                    stub.withDeadlineAfter(attemptNanos, TimeUnit.NANOSECONDS)
                        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                    stub.withDeadlineAfter(attemptNanos, TimeUnit.NANOSECONDS)
                        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
                    return Outcome.Ready
                } catch (e: StatusRuntimeException) {
                    lastError = e.status.toString()
                }
                Thread.sleep(POLL_INTERVAL_MILLIS)
            }
        } finally {
            channel.shutdownNow()
            channel.awaitTermination(1, TimeUnit.SECONDS)
        }
    }

    private val ATTEMPT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2)
    private const val POLL_INTERVAL_MILLIS = 50L
}
