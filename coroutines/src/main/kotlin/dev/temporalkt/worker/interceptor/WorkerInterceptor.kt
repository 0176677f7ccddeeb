package dev.temporalkt.worker.interceptor

/**
 * Intercepts what a [dev.temporalkt.worker.Worker] runs: workflow code (signals, queries, updates coming in;
 * activities, child workflows, signals and continue-as-new going out) and activity attempts. Typical uses are
 * context propagation through headers, tracing, logging, metrics and authorization.
 *
 * Interceptors are set with [dev.temporalkt.worker.WorkerOptions.interceptors]; a
 * [dev.temporalkt.client.ClientInterceptor] of the worker's client that also implements this interface is applied
 * too (before the worker's own). The first interceptor of the list sees inbound calls first.
 *
 * ```kotlin
 * class Tenants : WorkerInterceptor {
 *     override fun interceptWorkflow(next: WorkflowInboundInterceptor) = object : WorkflowInboundInterceptor(next) {
 *         override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? {
 *             log.info("running for tenant {}", input.headers["tenant"]?.data?.toStringUtf8())
 *             return super.executeWorkflow(input)
 *         }
 *     }
 * }
 * val worker = Worker(client, "orders", workflows, activities, WorkerOptions(interceptors = listOf(Tenants())))
 * ```
 */
public interface WorkerInterceptor {
    /**
     * Returns the interceptor of one workflow run, which sees the run's inbound calls before [next] does (usually a
     * subclass of [WorkflowInboundInterceptor] delegating to [next]). Called once per run the worker loads into
     * memory (on the workflow's thread, so it may keep per-run state), including runs replayed after eviction. Its
     * code is part of the workflow: it must be deterministic. The default adds nothing.
     */
    public fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor = next

    /**
     * Returns the interceptor of one activity attempt (local activities included), which sees the attempt before
     * [next] does. Called once per attempt. The default adds nothing.
     */
    public fun interceptActivity(next: ActivityInboundInterceptor): ActivityInboundInterceptor = next
}
