package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.failure.v1.Failure

/** What a [WorkflowCommand.UpdateResponse] reports about an update. */
@InternalTemporalApi
public sealed interface UpdateOutcome {
    /** The validator passed (or was skipped); the handler now runs. Must be sent in the activation of the update. */
    public data object Accepted : UpdateOutcome

    /** The validator rejected the update, or the handler failed before acceptance; [failure] says why. */
    public data class Rejected(public val failure: Failure) : UpdateOutcome

    /** The handler returned after acceptance; [result] is `null` when it returned nothing. */
    public data class Completed(public val result: Payload?) : UpdateOutcome
}
