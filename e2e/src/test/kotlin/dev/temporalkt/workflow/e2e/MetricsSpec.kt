package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A meter that keeps every recorded value as one line, for assertions. */
class RecordingMetricMeter : MetricMeter {
    val lines = CopyOnWriteArrayList<String>()

    override fun counter(name: String, description: String, unit: String) =
        MetricCounter { value, attributes -> lines += "counter $name $value ${attributes.toSortedMap()}" }

    override fun histogram(name: String, description: String, unit: String) =
        MetricHistogram { value, attributes -> lines += "histogram $name $value $unit ${attributes.toSortedMap()}" }

    override fun gauge(name: String, description: String, unit: String) =
        MetricGauge { value, attributes -> lines += "gauge $name $value ${attributes.toSortedMap()}" }
}

class PackingActivities {
    @Activity
    suspend fun pack(items: Int): Int {
        activityContext().metricMeter.histogram("packed_items", unit = "items").record(items.toDouble())
        return items
    }
}

@Workflow(name = "E2eMetered")
class MeteredOrderWorkflow {
    /** Records a metric in each of its three workflow tasks and has its activity record one. */
    @WorkflowRun
    suspend fun run(items: Int): Int {
        Workflow.metricMeter.counter("orders_started").add(1, mapOf("channel" to "web"))
        val packed = Workflow.executeActivity(PackingActivities::pack, items, options = ActivityOptions(startToCloseTimeout = 10.seconds))
        Workflow.metricMeter.counter("orders_packed").add(packed.toLong())
        Workflow.sleep(100.milliseconds)
        Workflow.metricMeter.gauge("last_order_items").set(packed.toDouble())
        return packed
    }
}

/** Custom metrics of workflows and activities, end to end on both servers; replayed tasks record nothing again. */
class MetricsSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: workflow and activity metrics reach the worker's meter once each, though every task replays") {
            val meter = RecordingMetricMeter()
            // Without a cache every workflow task replays the run from its start, recording calls included.
            val options = WorkerOptions(metricMeter = meter, maxCachedWorkflows = 0)
            server.withWorker(listOf(MeteredOrderWorkflow::class), listOf(PackingActivities()), options) {
                val handle = client.startWorkflow<Int>("E2eMetered", 3, options = options("metered"))
                handle.result() shouldBe 3
                val run = "namespace=default, task_queue=$taskQueue, workflow_type=E2eMetered"
                // the worker's meter also gets the SDK's own metrics (temporal_*): only the custom ones here
                meter.lines.filterNot { it.split(' ')[1].startsWith("temporal_") } shouldBe listOf(
                    "counter orders_started 1 {channel=web, $run}",
                    "histogram packed_items 3.0 items {activity_type=pack, namespace=default, task_queue=$taskQueue}",
                    "counter orders_packed 3 {$run}",
                    "gauge last_order_items 3.0 {$run}",
                )
                replay(handle)
            }
        }
    }
})
