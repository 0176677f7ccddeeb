package dev.temporalkt.worker.interceptor

/**
 * One link of the chain that calls into a workflow run: the run function, signal, query and update handlers. Each
 * method delegates to [next] by default; override the ones you need and call `super` (possibly with a changed
 * input) to continue, or throw to refuse. The last link calls the workflow's code.
 *
 * Runs on the workflow's thread as part of the workflow: code here must be deterministic, like workflow code.
 * Throwing from [executeWorkflow] or [handleSignal] has the effect of the same exception thrown by the run function
 * or signal handler (a [dev.temporalkt.failure.TemporalFailure] fails the workflow, other exceptions fail the
 * workflow task); throwing from [validateUpdate] rejects the update, so the run's history does not record it.
 *
 * ```kotlin
 * class TenantGuard(next: WorkflowInboundInterceptor) : WorkflowInboundInterceptor(next) {
 *     override fun validateUpdate(input: HandleUpdateInput) {
 *         if ("tenant" !in input.headers) throw ApplicationFailure("updates need a tenant header", type = "NoTenant")
 *         super.validateUpdate(input)
 *     }
 * }
 * ```
 */
public abstract class WorkflowInboundInterceptor(
    /** The next link of the chain. */
    protected val next: WorkflowInboundInterceptor?,
) {
    private fun next(): WorkflowInboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /**
     * Called once, before anything else, with the outbound chain built so far. Wrap [outbound] in your own
     * [WorkflowOutboundInterceptor] to intercept the run's outgoing calls, and pass the result on with `super`.
     */
    public open fun init(outbound: WorkflowOutboundInterceptor): Unit = next().init(outbound)

    /** Runs the workflow's run function with [ExecuteWorkflowInput.args]; returns its result. */
    public open suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? = next().executeWorkflow(input)

    /** Runs the handler of a signal (in a coroutine of its own). */
    public open suspend fun handleSignal(input: HandleSignalInput): Unit = next().handleSignal(input)

    /** Answers a query from the current state; must not change state or suspend. */
    public open fun handleQuery(input: HandleQueryInput): Any? = next().handleQuery(input)

    /**
     * Validates an update before it is accepted; throw to reject it. Called for every update that arrives outside
     * replay (whether or not the workflow declares a validator); must not change state or suspend.
     */
    public open fun validateUpdate(input: HandleUpdateInput): Unit = next().validateUpdate(input)

    /** Runs the handler of an accepted update; returns its result. */
    public open suspend fun handleUpdate(input: HandleUpdateInput): Any? = next().handleUpdate(input)
}
