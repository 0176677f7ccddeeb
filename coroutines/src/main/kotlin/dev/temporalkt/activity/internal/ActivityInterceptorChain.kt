package dev.temporalkt.activity.internal

import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.worker.interceptor.ActivityHeartbeatInput
import dev.temporalkt.worker.interceptor.ActivityInboundInterceptor
import dev.temporalkt.worker.interceptor.ActivityOutboundInterceptor
import dev.temporalkt.worker.interceptor.ExecuteActivityInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor

/**
 * The interceptor chains of one activity attempt: [inbound] runs the attempt through the interceptors (first one
 * outermost) and ends in [call]; the outbound chain the interceptors' `init` built is installed in [context], so
 * its info and heartbeats go through it.
 */
internal class ActivityInterceptorChain(
    interceptors: List<WorkerInterceptor>,
    private val context: ActivityContextImpl,
    private val call: suspend (args: List<Any?>) -> Any?,
) {
    private val root = RootInbound()

    val inbound: ActivityInboundInterceptor =
        interceptors.foldRight(root as ActivityInboundInterceptor) { interceptor, next -> interceptor.interceptActivity(next) }

    init {
        inbound.init(RootOutbound())
        check(root.initialized) {
            "An activity inbound interceptor did not pass init() on to the next interceptor; call super.init(outbound) " +
                "(with your own ActivityOutboundInterceptor wrapping it, if you intercept outbound calls)"
        }
    }

    private inner class RootInbound : ActivityInboundInterceptor(null) {
        var initialized = false

        override fun init(outbound: ActivityOutboundInterceptor) {
            initialized = true
            context.outbound = outbound
        }

        override suspend fun executeActivity(input: ExecuteActivityInput): Any? = call(input.args)
    }

    private inner class RootOutbound : ActivityOutboundInterceptor(null) {
        override fun info(): ActivityInfo = context.attemptInfo

        override fun heartbeat(input: ActivityHeartbeatInput): Unit = context.recordHeartbeat(input.details, input.detailTypes)
    }
}
