package dev.temporalkt.client

import dev.temporalkt.client.internal.DefaultDeadlineInterceptor
import dev.temporalkt.client.internal.LongPollMethods
import io.grpc.CallOptions
import io.grpc.Channel
import io.grpc.ClientCall
import io.grpc.ClientInterceptor
import io.grpc.Deadline
import io.grpc.Metadata
import io.grpc.MethodDescriptor
import io.grpc.Status
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.ScheduledFuture
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.TimeUnit
import javax.net.ssl.SSLException

/**
 * Retries unary calls that fail with a transient status, following [RpcRetryOptions].
 *
 * Each attempt is a fresh call on the next channel with a copy of the caller's headers and the same request. The
 * caller's listener sees exactly one outcome: the response of the first successful attempt, or the status of the
 * last attempt. Headers and the response message of failed attempts are dropped.
 *
 * Deadlines: the caller's own deadline (if any) bounds the whole call; each attempt additionally gets the
 * per-attempt timeout set by [DefaultDeadlineInterceptor]. A retry is not scheduled when its pause would end after
 * the caller's deadline or after [RpcRetryOptions.maximumElapsed].
 *
 * Failures that no retry can fix are never retried even when their code is transient: TLS handshake failures
 * (wrong CA, wrong server name) and HTTP 4xx answers from a proxy in front of the server.
 *
 * Streaming calls pass through untouched; the Temporal API has none.
 */
internal class RetryInterceptor(
    private val options: RpcRetryOptions,
    private val scheduler: ScheduledExecutorService,
) : ClientInterceptor {
    override fun <ReqT, RespT> interceptCall(
        method: MethodDescriptor<ReqT, RespT>,
        callOptions: CallOptions,
        next: Channel,
    ): ClientCall<ReqT, RespT> =
        if (method.type != MethodDescriptor.MethodType.UNARY || options.maximumAttempts == 1) {
            // a single attempt still gets its default deadline (a long poll without one is refused by the server)
            next.newCall(method, withAttemptDeadline(callOptions))
        } else {
            RetryingCall(method, callOptions, next)
        }

    /** [callOptions] with the deadline of one attempt: the per-attempt timeout, within the caller's own deadline. */
    private fun withAttemptDeadline(callOptions: CallOptions): CallOptions {
        val attemptTimeout = callOptions.getOption(DefaultDeadlineInterceptor.ATTEMPT_TIMEOUT_NANOS) ?: return callOptions
        val attemptDeadline = Deadline.after(attemptTimeout, TimeUnit.NANOSECONDS)
        return callOptions.withDeadline(callOptions.deadline?.minimum(attemptDeadline) ?: attemptDeadline)
    }

    private inner class RetryingCall<ReqT, RespT>(
        private val method: MethodDescriptor<ReqT, RespT>,
        private val callOptions: CallOptions,
        private val next: Channel,
    ) : ClientCall<ReqT, RespT>() {
        private val lock = Any()
        private val startNanos = System.nanoTime()
        private val longPoll = LongPollMethods.contains(method.fullMethodName)
        private lateinit var listener: Listener<RespT>
        private lateinit var headers: Metadata
        private var request: Any? = NOTHING
        private var attempts = 0

        // guarded by lock
        private var current: ClientCall<ReqT, RespT>? = null
        private var pendingRetry: ScheduledFuture<*>? = null
        private var cancelled = false
        private var closed = false

        override fun start(responseListener: Listener<RespT>, headers: Metadata) {
            this.listener = responseListener
            this.headers = headers
        }

        // Each attempt requests its single response itself; the outcome is handed over once, at the end.
        override fun request(numMessages: Int) {}

        override fun sendMessage(message: ReqT) {
            check(request === NOTHING) { "unary call ${method.fullMethodName} got more than one request message" }
            request = message
        }

        override fun halfClose() = startAttempt()

        override fun cancel(message: String?, cause: Throwable?) {
            val call = synchronized(lock) {
                if (closed || cancelled) return
                cancelled = true
                pendingRetry?.cancel(false)
                current
            }
            // A running attempt reports CANCELLED through its listener; between attempts nobody else will.
            if (call != null) call.cancel(message, cause)
            else close(Status.CANCELLED.withDescription(message).withCause(cause), Metadata(), null, null)
        }

        private fun startAttempt() {
            attempts++
            val call = next.newCall(method, withAttemptDeadline(callOptions))
            synchronized(lock) {
                // cancel() has already reported CANCELLED when no attempt was running.
                if (cancelled) return
                current = call
            }
            call.start(AttemptListener(), Metadata().apply { merge(headers) })
            call.request(2)
            @Suppress("UNCHECKED_CAST")
            call.sendMessage(request as ReqT)
            call.halfClose()
        }

        private fun close(status: Status, trailers: Metadata, responseHeaders: Metadata?, response: Any?) {
            synchronized(lock) {
                if (closed) return
                closed = true
            }
            if (responseHeaders != null) listener.onHeaders(responseHeaders)
            @Suppress("UNCHECKED_CAST")
            if (status.isOk && response !== NOTHING) listener.onMessage(response as RespT)
            listener.onClose(status, trailers)
        }

        private fun retryDelayNanos(status: Status): Long? {
            if (attempts >= options.maximumAttempts) return null
            if (!options.isRetryable(status.code, method.fullMethodName, longPoll)) return null
            if (isPermanentTransportFailure(status)) return null
            if (callOptions.deadline?.isExpired == true) return null
            val base = options.backoff(attempts, status.code).inWholeNanoseconds
            val jitter = (ThreadLocalRandom.current().nextDouble(-1.0, 1.0) * options.jitter * base).toLong()
            val delay = (base + jitter).coerceAtLeast(0)
            val elapsedAfterPause = System.nanoTime() - startNanos + delay
            if (elapsedAfterPause > options.maximumElapsed.inWholeNanoseconds) return null
            val remaining = callOptions.deadline?.timeRemaining(TimeUnit.NANOSECONDS)
            if (remaining != null && remaining <= delay) return null
            return delay
        }

        private inner class AttemptListener : Listener<RespT>() {
            private var responseHeaders: Metadata? = null
            private var response: Any? = NOTHING

            override fun onHeaders(headers: Metadata) {
                responseHeaders = headers
            }

            override fun onMessage(message: RespT) {
                response = message
            }

            override fun onClose(status: Status, trailers: Metadata) {
                val delay = if (status.isOk || synchronized(lock) { cancelled }) null else retryDelayNanos(status)
                if (delay == null) {
                    close(status, trailers, responseHeaders, response)
                    return
                }
                synchronized(lock) {
                    if (cancelled) return@synchronized
                    current = null
                    pendingRetry = scheduler.schedule({ startAttempt() }, delay, TimeUnit.NANOSECONDS)
                    return
                }
                close(status, trailers, responseHeaders, response)
            }
        }
    }

    private companion object {
        val NOTHING = Any()

        fun isPermanentTransportFailure(status: Status): Boolean {
            if (status.description?.startsWith("HTTP status code 4") == true) return true
            var cause = status.cause
            while (cause != null) {
                if (cause is SSLException) return true
                cause = cause.cause
            }
            return false
        }
    }
}
