package dev.temporalkt.worker.interceptor

import dev.temporalkt.activity.ActivityInfo

/**
 * One link of the chain through which an activity attempt calls out: the info it reads and the heartbeats it
 * records (through [dev.temporalkt.activity.ActivityContext]). Each method delegates to [next] by default. Install
 * one from [ActivityInboundInterceptor.init]. [heartbeat] may be called on the thread of a blocking activity.
 */
public abstract class ActivityOutboundInterceptor(
    /** The next link of the chain. */
    protected val next: ActivityOutboundInterceptor?,
) {
    private fun next(): ActivityOutboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /** The attempt's info, as [dev.temporalkt.activity.ActivityContext.info] returns it. */
    public open fun info(): ActivityInfo = next().info()

    /** Records a heartbeat with details. */
    public open fun heartbeat(input: ActivityHeartbeatInput): Unit = next().heartbeat(input)
}
