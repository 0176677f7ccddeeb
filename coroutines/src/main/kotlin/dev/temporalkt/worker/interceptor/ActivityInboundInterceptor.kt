package dev.temporalkt.worker.interceptor

/**
 * One link of the chain that runs an activity attempt. Each method delegates to [next] by default; override the
 * ones you need and call `super` (possibly with a changed input) to continue, or throw to fail the attempt (as the
 * activity throwing would). The last link calls the activity function.
 *
 * The attempt's [dev.temporalkt.activity.ActivityContext] is available in [executeActivity].
 *
 * ```kotlin
 * class TenantActivities(next: ActivityInboundInterceptor) : ActivityInboundInterceptor(next) {
 *     override suspend fun executeActivity(input: ExecuteActivityInput): Any? {
 *         val tenant = input.headers["tenant"] ?: throw ApplicationFailure("no tenant", nonRetryable = true)
 *         return withContext(TenantElement(tenant)) { super.executeActivity(input) }
 *     }
 * }
 * ```
 */
public abstract class ActivityInboundInterceptor(
    /** The next link of the chain. */
    protected val next: ActivityInboundInterceptor?,
) {
    private fun next(): ActivityInboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /**
     * Called once per attempt, before [executeActivity], with the outbound chain built so far. Wrap [outbound] in your
     * own [ActivityOutboundInterceptor] to intercept the activity's calls out, and pass the result on with `super`.
     */
    public open fun init(outbound: ActivityOutboundInterceptor): Unit = next().init(outbound)

    /** Runs the activity function with [ExecuteActivityInput.args]; returns its result. */
    public open suspend fun executeActivity(input: ExecuteActivityInput): Any? = next().executeActivity(input)
}
