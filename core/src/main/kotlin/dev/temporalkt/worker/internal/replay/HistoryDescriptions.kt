@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.worker.activation.WorkflowCommand

/** Short, readable names of history events and workflow commands for error messages. */
internal object HistoryDescriptions {
    /** `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `ActivityTaskScheduled`. */
    fun typeName(type: EventType): String =
        type.name.removePrefix("EVENT_TYPE_").split('_').joinToString("") { part ->
            part.lowercase().replaceFirstChar { it.uppercase() }
        }

    fun event(e: HistoryEvent): String {
        val name = typeName(e.eventType)
        val detail = when (e.eventType) {
            EventType.EVENT_TYPE_TIMER_STARTED -> "timer id '${e.timerStartedEventAttributes.timerId}'"
            EventType.EVENT_TYPE_TIMER_CANCELED -> "timer id '${e.timerCanceledEventAttributes.timerId}'"
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> e.activityTaskScheduledEventAttributes.let {
                "activity type '${it.activityType.name}', activity id '${it.activityId}'"
            }
            EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED ->
                "scheduled event ${e.activityTaskCancelRequestedEventAttributes.scheduledEventId}"
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
                e.startChildWorkflowExecutionInitiatedEventAttributes.let {
                    "workflow type '${it.workflowType.name}', workflow id '${it.workflowId}'"
                }
            EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
                e.signalExternalWorkflowExecutionInitiatedEventAttributes.let {
                    "signal '${it.signalName}' to workflow id '${it.workflowExecution.workflowId}'"
                }
            EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
                "workflow id '${e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowId}'"
            EventType.EVENT_TYPE_MARKER_RECORDED -> PatchMarkers.decode(e)?.let { "patch '${it.first}'" }
                ?: "marker '${e.markerRecordedEventAttributes.markerName}'"
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED ->
                "update id '${e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.meta.updateId}'"
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED ->
                "update id '${e.workflowExecutionUpdateCompletedEventAttributes.meta.updateId}'"
            EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED -> e.nexusOperationScheduledEventAttributes.let {
                "endpoint '${it.endpoint}', service '${it.service}', operation '${it.operation}'"
            }
            EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED ->
                "scheduled event ${e.nexusOperationCancelRequestedEventAttributes.scheduledEventId}"
            else -> null
        }
        return if (detail == null) name else "$name($detail)"
    }

    fun command(c: WorkflowCommand): String = when (c) {
        is WorkflowCommand.StartTimer -> "StartTimer(seq ${c.seq})"
        is WorkflowCommand.CancelTimer -> "CancelTimer(seq ${c.seq})"
        is WorkflowCommand.ScheduleActivity ->
            "ScheduleActivity(seq ${c.seq}, activity type '${c.activityType}', activity id '${c.activityId}')"
        is WorkflowCommand.RequestCancelActivity -> "RequestCancelActivity(seq ${c.seq})"
        is WorkflowCommand.StartChildWorkflowExecution ->
            "StartChildWorkflowExecution(seq ${c.seq}, workflow type '${c.workflowType}', workflow id '${c.workflowId}')"
        is WorkflowCommand.CancelChildWorkflowExecution -> "CancelChildWorkflowExecution(seq ${c.childWorkflowSeq})"
        is WorkflowCommand.SignalExternalWorkflowExecution ->
            "SignalExternalWorkflowExecution(seq ${c.seq}, signal '${c.signalName}')"
        is WorkflowCommand.CancelSignalExternalWorkflow -> "CancelSignalExternalWorkflow(seq ${c.seq})"
        is WorkflowCommand.CancelRequestCancelExternalWorkflow -> "CancelRequestCancelExternalWorkflow(seq ${c.seq})"
        is WorkflowCommand.RequestCancelExternalWorkflowExecution ->
            "RequestCancelExternalWorkflowExecution(seq ${c.seq}, workflow id '${c.execution.workflowId}')"
        is WorkflowCommand.CompleteWorkflowExecution -> "CompleteWorkflowExecution"
        is WorkflowCommand.FailWorkflowExecution -> "FailWorkflowExecution"
        is WorkflowCommand.CancelWorkflowExecution -> "CancelWorkflowExecution"
        is WorkflowCommand.ContinueAsNewWorkflowExecution -> "ContinueAsNewWorkflowExecution"
        is WorkflowCommand.SetPatchMarker -> "SetPatchMarker(patch '${c.patchId}')"
        is WorkflowCommand.UpsertWorkflowSearchAttributes -> "UpsertWorkflowSearchAttributes"
        is WorkflowCommand.ModifyWorkflowProperties -> "ModifyWorkflowProperties"
        is WorkflowCommand.UpdateResponse -> "UpdateResponse(${c.protocolInstanceId})"
        is WorkflowCommand.RespondToQuery -> "RespondToQuery(${c.queryId})"
        is WorkflowCommand.ScheduleNexusOperation ->
            "ScheduleNexusOperation(seq ${c.seq}, endpoint '${c.endpoint}', service '${c.service}', operation '${c.operation}')"
        is WorkflowCommand.RequestCancelNexusOperation -> "RequestCancelNexusOperation(seq ${c.seq})"
        else -> c::class.simpleName ?: "command"
    }
}
