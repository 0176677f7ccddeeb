package dev.temporalkt.benchmarks

import com.google.protobuf.Timestamp
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.Client
import dev.temporalkt.client.getWorkflowHandle

/**
 * The timing of one workflow task, from the server's event times: scheduled, started (picked up by a worker) and
 * completed (or failed / timed out); `null` where the history has no such event for the task.
 */
data class WorkflowTaskTiming(val scheduledMillis: Double, val startedMillis: Double?, val endedMillis: Double?, val failed: Boolean) {
    /** WorkflowTaskScheduled to WorkflowTaskStarted: how long the task waited for a worker. */
    val scheduleToStart: Double? get() = startedMillis?.let { it - scheduledMillis }

    /** WorkflowTaskStarted to WorkflowTaskCompleted: the worker's processing plus the round trip. */
    val startToClose: Double? get() = if (startedMillis != null && endedMillis != null) endedMillis - startedMillis else null

    /** WorkflowTaskScheduled to WorkflowTaskCompleted. */
    val scheduleToClose: Double? get() = endedMillis?.let { it - scheduledMillis }

    companion object {
        /** The workflow tasks of [events], in order. */
        fun of(events: List<HistoryEvent>): List<WorkflowTaskTiming> {
            val tasks = mutableListOf<WorkflowTaskTiming>()
            var scheduled: Double? = null
            var started: Double? = null
            for (event in events) {
                val at = millis(event.eventTime)
                when (event.eventType) {
                    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> {
                        scheduled = at
                        started = null
                    }
                    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED -> started = at
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
                    -> scheduled?.let {
                        val failed = event.eventType != EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
                        tasks += WorkflowTaskTiming(it, started, at, failed)
                        scheduled = null
                        started = null
                    }
                    else -> {}
                }
            }
            return tasks
        }

        /** The workflow tasks of every workflow in [workflowIds] (their latest runs), fetched one by one. */
        suspend fun ofWorkflows(client: Client, workflowIds: List<String>): List<WorkflowTaskTiming> =
            workflowIds.flatMap { of(client.getWorkflowHandle<Any?>(it).fetchHistory().history.eventsList) }

        /**
         * The causes of the WorkflowTaskFailed events (such as `WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND`) and
         * the timeout types of the WorkflowTaskTimedOut events (`TIMEOUT_TYPE_SCHEDULE_TO_START` for a sticky task
         * no worker took in time, `TIMEOUT_TYPE_START_TO_CLOSE`) in the history of [workflowId].
         */
        suspend fun failedAndTimedOutTasks(client: Client, workflowId: String): Pair<List<String>, List<String>> {
            val events = client.getWorkflowHandle<Any?>(workflowId).fetchHistory().history.eventsList
            val failed = events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                .map { it.workflowTaskFailedEventAttributes.cause.name }
            val timedOut = events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT }
                .map { it.workflowTaskTimedOutEventAttributes.timeoutType.name }
            return failed to timedOut
        }

        private fun millis(t: Timestamp): Double = t.seconds * 1000.0 + t.nanos / 1e6
    }
}
