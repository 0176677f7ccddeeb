@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.metrics

import com.google.protobuf.util.Timestamps
import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.internal.poll.FixedSizeSlotSupplier
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlin.time.Duration.Companion.milliseconds

/** A meter that writes each recorded value as one line. */
private class LinesMeter : MetricMeter {
    val lines = mutableListOf<String>()

    override fun counter(name: String, description: String, unit: String) =
        MetricCounter { value, attributes -> lines += "$name $value $unit $attributes" }

    override fun histogram(name: String, description: String, unit: String) =
        MetricHistogram { value, attributes -> lines += "$name $value $unit $attributes" }

    override fun gauge(name: String, description: String, unit: String) =
        MetricGauge { value, attributes -> lines += "$name $value $unit $attributes" }
}

class WorkerMetricsSpec : FunSpec({
    val attributes = "namespace=ns, task_queue=tq"

    test("latencies are recorded in milliseconds by default") {
        val meter = LinesMeter()
        val metrics = WorkerMetrics(meter, "ns", "tq")
        metrics.workflowTaskExecuted("Orders", 1500.milliseconds)
        metrics.activityScheduleToStart("charge", Timestamps.fromMillis(1_000), Timestamps.fromMillis(1_250))
        meter.lines shouldBe listOf(
            "temporal_workflow_task_execution_latency 1500.0 ms {$attributes, workflow_type=Orders}",
            "temporal_activity_schedule_to_start_latency 250.0 ms {$attributes, activity_type=charge}",
        )
    }

    test("with durationsInSeconds latencies are recorded in seconds") {
        val meter = LinesMeter()
        val metrics = WorkerMetrics(meter, "ns", "tq", durationsInSeconds = true)
        metrics.workflowTaskExecuted("Orders", 1500.milliseconds)
        metrics.activityScheduleToStart("charge", Timestamps.fromMillis(1_000), Timestamps.fromMillis(1_250))
        meter.lines shouldBe listOf(
            "temporal_workflow_task_execution_latency 1.5 s {$attributes, workflow_type=Orders}",
            "temporal_activity_schedule_to_start_latency 0.25 s {$attributes, activity_type=charge}",
        )
    }

    test("workflow outcomes count by type; only completions record the end-to-end latency") {
        val meter = LinesMeter()
        val metrics = WorkerMetrics(meter, "ns", "tq")
        metrics.workflowClosed("Orders", WorkerMetrics.WorkflowOutcome.COMPLETED, 2.milliseconds)
        metrics.workflowClosed("Orders", WorkerMetrics.WorkflowOutcome.FAILED, 2.milliseconds)
        metrics.workflowTaskFailed("Orders", nonDeterminism = true)
        meter.lines shouldBe listOf(
            "temporal_workflow_completed 1 1 {$attributes, workflow_type=Orders}",
            "temporal_workflow_endtoend_latency 2.0 ms {$attributes, workflow_type=Orders}",
            "temporal_workflow_failed 1 1 {$attributes, workflow_type=Orders}",
            "temporal_workflow_task_execution_failed 1 1 {$attributes, workflow_type=Orders, failure_reason=NonDeterminismError}",
        )
    }

    test("unset server times record no schedule-to-start latency") {
        val meter = LinesMeter()
        WorkerMetrics(meter, "ns", "tq").workflowTaskScheduleToStart(com.google.protobuf.Timestamp.getDefaultInstance(), Timestamps.fromMillis(5))
        meter.lines shouldBe emptyList()
    }

    test("slots report free and taken slots as they are taken and given back, once per permit") {
        val meter = LinesMeter()
        val slots = WorkerMetrics(meter, "ns", "tq").slots(FixedSizeSlotSupplier(2), WorkerMetrics.ACTIVITY_WORKER)
        val permit = slots.tryAcquire()!!
        permit.release()
        permit.release()
        val type = "worker_type=ActivityWorker"
        meter.lines shouldBe listOf(
            "temporal_worker_task_slots_available 2.0 1 {$attributes, $type}",
            "temporal_worker_task_slots_used 0.0 1 {$attributes, $type}",
            "temporal_worker_task_slots_available 1.0 1 {$attributes, $type}",
            "temporal_worker_task_slots_used 1.0 1 {$attributes, $type}",
            "temporal_worker_task_slots_available 2.0 1 {$attributes, $type}",
            "temporal_worker_task_slots_used 0.0 1 {$attributes, $type}",
        )
    }

    test("with the NOOP meter nothing is wrapped") {
        val metrics = WorkerMetrics(MetricMeter.NOOP, "ns", "tq")
        val supplier = FixedSizeSlotSupplier(1)
        metrics.enabled shouldBe false
        metrics.slots(supplier, WorkerMetrics.WORKFLOW_WORKER) shouldBeSameInstanceAs supplier
        val poll: suspend () -> String? = { null }
        metrics.polls(WorkerMetrics.WORKFLOW_POLLER, poll) shouldBeSameInstanceAs poll
    }
})
