@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds

/** A meter that keeps every recorded value, for assertions. */
class RecordingMeter : MetricMeter {
    data class Value(val instrument: String, val name: String, val unit: String, val value: Double, val attributes: Map<String, String>)

    val values = CopyOnWriteArrayList<Value>()

    override fun counter(name: String, description: String, unit: String) =
        MetricCounter { value, attributes -> values += Value("counter", name, unit, value.toDouble(), attributes) }

    override fun histogram(name: String, description: String, unit: String) =
        MetricHistogram { value, attributes -> values += Value("histogram", name, unit, value, attributes) }

    override fun gauge(name: String, description: String, unit: String) =
        MetricGauge { value, attributes -> values += Value("gauge", name, unit, value, attributes) }
}

@Workflow
class MeteredWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        Workflow.metricMeter.counter("orders_seen", "orders the workflow saw", "1").add(2, mapOf("channel" to "web"))
        Workflow.sleep(1.seconds)
        Workflow.metricMeter.withAttributes(mapOf("stage" to "after timer")).histogram("latency", unit = "ms").record(12.5)
        Workflow.metricMeter.gauge("queue_length").set(3.0)
        return "done"
    }
}

class MetricsSpec : FunSpec({
    val runAttributes = mapOf("namespace" to "ns", "task_queue" to "tq", "workflow_type" to "MeteredWorkflow")
    val afterTimer = listOf(
        RecordingMeter.Value("histogram", "latency", "ms", 12.5, runAttributes + ("stage" to "after timer")),
        RecordingMeter.Value("gauge", "queue_length", "", 3.0, runAttributes),
    )

    test("Workflow.metricMeter records through the worker's meter with the run's attributes") {
        val meter = RecordingMeter()
        val h = WorkflowHarness(MeteredWorkflow::class, metricMeter = meter)
        h.start().single().shouldBeInstanceOf<WorkflowCommand.StartTimer>()
        meter.values shouldBe listOf(RecordingMeter.Value("counter", "orders_seen", "1", 2.0, runAttributes + ("channel" to "web")))
        h.commands(ActivationJob.FireTimer(1)) shouldBe listOf(WorkflowCommand.CompleteWorkflowExecution(h.payload("done")))
        meter.values.drop(1) shouldBe afterTimer
    }

    test("values recorded while the run replays are dropped; the new work after replay records") {
        val meter = RecordingMeter()
        val h = WorkflowHarness(MeteredWorkflow::class, metricMeter = meter)
        h.replaying = true
        h.start().single().shouldBeInstanceOf<WorkflowCommand.StartTimer>()
        meter.values shouldBe emptyList()
        h.replaying = false
        h.commands(ActivationJob.FireTimer(1)) shouldBe listOf(WorkflowCommand.CompleteWorkflowExecution(h.payload("done")))
        meter.values shouldBe afterTimer
    }

    test("Workflow.metricMeter outside workflow code says where it may be used") {
        val error = runCatching { Workflow.metricMeter }.exceptionOrNull()
        error.shouldBeInstanceOf<IllegalStateException>()
        error.message!!.substringBefore(" (") shouldBe "Workflow.metricMeter was called outside a workflow's dispatcher"
    }
})
