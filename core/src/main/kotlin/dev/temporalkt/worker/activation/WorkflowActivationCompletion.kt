package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.Failure

/**
 * A workflow runtime's answer to one [WorkflowActivation]: either the commands user code issued, or a
 * failure of the workflow *task* (the run stays open and the task is retried, so a code fix can resume it).
 *
 * ```
 * val done = WorkflowActivationCompletion.Successful(
 *     runId = activation.runId,
 *     commands = listOf(WorkflowCommand.StartTimer(seq = 1, startToFire = 5.seconds)),
 * )
 * ```
 */
@InternalTemporalApi
public sealed interface WorkflowActivationCompletion {
    /** The run this completion answers; equals [WorkflowActivation.runId]. */
    public val runId: String

    /**
     * User code ran until it could not progress and issued [commands], in issue order.
     *
     * @property usedInternalFlags ids of [LogicFlag]s whose behaviour this activation relied on; the
     *   core records the new ones in history so that replays choose the same behaviour.
     */
    public data class Successful(
        public override val runId: String,
        public val commands: List<WorkflowCommand>,
        public val usedInternalFlags: Set<Int> = emptySet(),
    ) : WorkflowActivationCompletion

    /**
     * The activation could not be applied (an unexpected exception, a detected non-determinism, a
     * deadlock). The core fails the workflow task with [failure] and evicts the run.
     *
     * @property forceCause the task failure cause to report instead of the default, for example
     *   [WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR]; `null` for the default.
     */
    public data class Failed(
        public override val runId: String,
        public val failure: Failure,
        public val forceCause: WorkflowTaskFailedCause? = null,
    ) : WorkflowActivationCompletion
}
