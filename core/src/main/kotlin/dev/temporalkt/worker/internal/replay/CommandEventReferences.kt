package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent

/**
 * Which earlier command event a history event refers to: a timer's firing names the TimerStarted event, an activity's
 * progress and outcome the ActivityTaskScheduled event, a child's the StartChildWorkflowExecutionInitiated event, a
 * request to another workflow its initiated event, a Nexus operation's the NexusOperationScheduled event (or, for the
 * outcome of a cancel request on older servers, the NexusOperationCancelRequested event). The engine hands such an
 * event to the machine that listens on that command event.
 */
internal object CommandEventReferences {
    /** The id of the command event [e] refers to, or `null` when [e] refers to none (a command event itself, say). */
    fun of(e: HistoryEvent): Long? = when (e.eventType) {
        EventType.EVENT_TYPE_TIMER_FIRED -> e.timerFiredEventAttributes.startedEventId
        EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED -> e.activityTaskStartedEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> e.activityTaskCompletedEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED -> e.activityTaskFailedEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> e.activityTaskTimedOutEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED -> e.activityTaskCanceledEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> e.startChildWorkflowExecutionFailedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> e.childWorkflowExecutionStartedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> e.childWorkflowExecutionCompletedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> e.childWorkflowExecutionFailedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> e.childWorkflowExecutionCanceledEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> e.childWorkflowExecutionTimedOutEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> e.childWorkflowExecutionTerminatedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED -> e.externalWorkflowExecutionSignaledEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED -> e.signalExternalWorkflowExecutionFailedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
            e.externalWorkflowExecutionCancelRequestedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED ->
            e.requestCancelExternalWorkflowExecutionFailedEventAttributes.initiatedEventId
        EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED -> e.nexusOperationStartedEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED -> e.nexusOperationCompletedEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_NEXUS_OPERATION_FAILED -> e.nexusOperationFailedEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED -> e.nexusOperationCanceledEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_NEXUS_OPERATION_TIMED_OUT -> e.nexusOperationTimedOutEventAttributes.scheduledEventId
        EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED ->
            e.nexusOperationCancelRequestCompletedEventAttributes.let { if (it.scheduledEventId != 0L) it.scheduledEventId else it.requestedEventId }
        EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_FAILED ->
            e.nexusOperationCancelRequestFailedEventAttributes.let { if (it.scheduledEventId != 0L) it.scheduledEventId else it.requestedEventId }
        else -> null
    }
}
