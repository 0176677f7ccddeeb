@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse

/** Outcome of driving one polled task through an engine with a scripted workflow. */
class TaskRun(val activations: List<WorkflowActivation>, val completion: WorkflowTaskCompletion)

/** Feeds [task] and answers every activation with the commands [workflow] returns for it. */
fun WorkflowRunEngine.run(
    task: PollWorkflowTaskQueueResponse,
    workflow: (WorkflowActivation) -> List<WorkflowCommand>,
): TaskRun {
    applyWorkflowTask(task)
    val seen = ArrayList<WorkflowActivation>()
    while (true) {
        val a = nextActivation() ?: break
        seen.add(a)
        check(seen.size < 50) { "activation loop" }
        applyCompletion(WorkflowActivationCompletion.Successful(a.runId, workflow(a)))
    }
    return TaskRun(seen, taskCompletion())
}
