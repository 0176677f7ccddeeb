package dev.temporalkt.worker.internal.activity

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.internal.InternalTemporalApi

/** How an activity attempt's code ended, as the code that runs activities reports it to [ActivityTaskProcessor]. */
@InternalTemporalApi
public sealed interface ActivityOutcome {
    /** Returned normally; [result] is converted but not yet encoded by the codecs. */
    public class Completed(public val result: Payload) : ActivityOutcome

    /**
     * Threw [error]. A cancellation exception thrown after the attempt was cancelled is reported according to the
     * [ActivityCancelReason]; anything else goes through the failure converter.
     */
    public class Failed(public val error: Throwable) : ActivityOutcome

    /** Asked to be completed later by someone holding the task token: nothing is reported. */
    public data object WillCompleteAsync : ActivityOutcome
}
