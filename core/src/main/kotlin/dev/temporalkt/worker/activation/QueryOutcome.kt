package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.failure.v1.Failure

/** What a [WorkflowCommand.RespondToQuery] answers. */
@InternalTemporalApi
public sealed interface QueryOutcome {
    /** The query handler returned [response]. */
    public data class Succeeded(public val response: Payload) : QueryOutcome

    /** The query handler failed, or no handler exists for the query type; [failure] says why. */
    public data class Failed(public val failure: Failure) : QueryOutcome
}
