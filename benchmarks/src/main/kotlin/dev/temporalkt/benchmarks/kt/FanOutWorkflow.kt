package dev.temporalkt.benchmarks.kt

import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlin.time.Duration.Companion.seconds

/**
 * Starts [activities] activities and [children] child workflows ([FanOutChildWorkflow], one activity each) all at
 * once, waits for all of them and returns how many finished. Child ids are `<parent id>-child-<i>`.
 */
@Workflow(name = "BenchFanOut")
class FanOutWorkflow {
    @WorkflowRun
    suspend fun run(activities: Int, children: Int): Int = coroutineScope {
        val options = ActivityOptions(startToCloseTimeout = 60.seconds)
        val parentId = Workflow.info().workflowId
        val activityResults = (0 until activities).map { i ->
            async { Workflow.executeActivity(BenchActivities::echo, "a$i", options = options) }
        }
        val childResults = (0 until children).map { i ->
            async {
                Workflow.executeChildWorkflow(FanOutChildWorkflow::run, "c$i", options = ChildWorkflowOptions(workflowId = "$parentId-child-$i"))
            }
        }
        (activityResults + childResults).awaitAll().size
    }
}
