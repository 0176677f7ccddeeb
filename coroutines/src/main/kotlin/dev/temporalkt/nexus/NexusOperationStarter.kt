package dev.temporalkt.nexus

import kotlin.reflect.KType

/**
 * What [NexusClient] asks of the workflow run whose code calls it: the workflow runtime's run implements it beside
 * [dev.temporalkt.workflow.WorkflowContext], so the workflow API does not know the Nexus API, which builds on it.
 */
internal interface NexusOperationStarter {
    /** Schedules the operation and suspends until it started (or ended, for a synchronous one). */
    suspend fun <R> startNexusOperation(
        endpoint: String,
        service: String,
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: NexusOperationOptions,
    ): NexusOperationHandle<R>
}
