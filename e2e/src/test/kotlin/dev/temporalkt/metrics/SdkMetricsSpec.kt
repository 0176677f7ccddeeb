package dev.temporalkt.metrics

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.micrometer.MicrometerMetricMeter
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.micrometer.core.instrument.Meter
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import kotlinx.coroutines.delay
import java.util.UUID
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class MetricsActivities {
    @Activity
    suspend fun greet(name: String): String = "Hello, $name"

    @Activity
    suspend fun shout(text: String): String = text.uppercase()

    @Activity
    suspend fun refuse(name: String): String = throw ApplicationFailure("no greeting for $name", type = "Refused", nonRetryable = true)
}

/** An activity, a local activity, a custom counter, then a wait for the signal `release`. */
@Workflow(name = "MetricsGreeting")
class MetricsGreetingWorkflow {
    private var released = false

    @Signal
    fun release() {
        released = true
    }

    @WorkflowRun
    suspend fun run(name: String): String {
        Workflow.metricMeter.counter("greetings_started").add(1)
        val greeting = Workflow.executeActivity(MetricsActivities::greet, name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
        val loud = Workflow.executeLocalActivity(MetricsActivities::shout, greeting, options = LocalActivityOptions(startToCloseTimeout = 10.seconds))
        Workflow.waitCondition { released }
        return loud
    }
}

/** Fails its first workflow task with an error that is not a Temporal failure, then completes. */
@Workflow(name = "MetricsFailOnce")
class MetricsFailOnceWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        if (FAILED_ONCE.compareAndSet(false, true)) throw IllegalStateException("failing this workflow task once")
        return "done"
    }

    companion object {
        val FAILED_ONCE = AtomicBoolean(false)
    }
}

/** Gets over a failed local activity, then fails the execution through a failed activity. */
@Workflow(name = "MetricsRefused")
class MetricsRefusedWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String {
        runCatching {
            Workflow.executeLocalActivity(MetricsActivities::refuse, name, options = LocalActivityOptions(startToCloseTimeout = 10.seconds))
        }
        return Workflow.executeActivity(MetricsActivities::refuse, name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
    }
}

/** Continues as new once, then completes. */
@Workflow(name = "MetricsContinued")
class MetricsContinuedWorkflow {
    @WorkflowRun
    suspend fun run(round: Int): Int = if (round == 0) Workflow.continueAsNew(1) else round
}

/** Waits until cancelled. */
@Workflow(name = "MetricsWaiting")
class MetricsWaitingWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { false }
        return "never"
    }
}

/**
 * The SDK's own metrics, recorded into a Micrometer registry while a worker runs workflows with activities, local
 * activities, a failing workflow task, failures, continue-as-new, a cancellation and forced cache evictions on the
 * dev server. The meter is set on the connection only, so the worker's metrics show that it falls back to it.
 */
class SdkMetricsSpec : FunSpec({
    test("workers and connections record the SDK's metrics with their attributes and plausible values") {
        val registry = SimpleMeterRegistry()
        val server = SharedServers.devServer()
        val client = Client.connect(ConnectionOptions(target = server.target, metricMeter = MicrometerMetricMeter(registry)))
        val taskQueue = "metrics-${UUID.randomUUID()}"
        val prefix = UUID.randomUUID().toString()
        fun options(name: String) = WorkflowOptions(id = "$prefix-$name", taskQueue = taskQueue)

        suspend fun awaitEvent(handle: WorkflowHandle<*>, type: EventType, count: Int = 1) {
            // a condition on the history, checked until it holds
            while (handle.fetchHistory().events.count { it.eventType == type } < count) delay(50.milliseconds)
        }

        val worker = Worker(
            client, taskQueue,
            workflows = listOf(
                MetricsGreetingWorkflow::class, MetricsFailOnceWorkflow::class, MetricsRefusedWorkflow::class,
                MetricsContinuedWorkflow::class, MetricsWaitingWorkflow::class,
            ),
            activities = listOf(MetricsActivities()),
            options = WorkerOptions(maxCachedWorkflows = 1),
        ).start()
        try {
            MetricsFailOnceWorkflow.FAILED_ONCE.set(false)
            client.startWorkflow<String>("MetricsFailOnce", options = options("fail-once")).result() shouldBe "done"
            runCatching { client.startWorkflow<String>("MetricsRefused", "Bob", options = options("refused")).result() }.isFailure shouldBe true
            client.startWorkflow<Int>("MetricsContinued", 0, options = options("continued")).result() shouldBe 1
            val waiting = client.startWorkflow<String>("MetricsWaiting", options = options("waiting"))
            awaitEvent(waiting, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
            waiting.cancel()
            runCatching { waiting.result() }.isFailure shouldBe true

            // With one cached run: the second greeting pushes the first out of the cache; the first, signalled,
            // replays its history and completes in that task (a closed run is not cached again).
            val first = client.startWorkflow<String>("MetricsGreeting", "Ada", options = options("greeting-1"))
            awaitEvent(first, EventType.EVENT_TYPE_MARKER_RECORDED)
            val second = client.startWorkflow<String>("MetricsGreeting", "Grace", options = options("greeting-2"))
            awaitEvent(second, EventType.EVENT_TYPE_MARKER_RECORDED)
            first.signal("release", emptyList())
            first.result() shouldBe "HELLO, ADA"
            second.signal("release", emptyList())
            second.result() shouldBe "HELLO, GRACE"

            // one failed RPC of each kind
            runCatching { client.getWorkflowHandle<String>("$prefix-missing").describe() }.isFailure shouldBe true
            runCatching { client.getWorkflowHandle<String>("$prefix-missing").fetchHistory() }.isFailure shouldBe true
        } finally {
            worker.close()
        }
        client.connection.close()

        val base = mapOf("namespace" to "default", "task_queue" to taskQueue)
        fun tags(extra: Map<String, String> = emptyMap()) = (base + extra).flatMap { listOf(it.key, it.value) }.toTypedArray()
        fun count(name: String, extra: Map<String, String> = emptyMap()): Double =
            registry.find(name).tags(*tags(extra)).counter().shouldNotBeNull().count()
        fun histogram(name: String, extra: Map<String, String> = emptyMap()) =
            registry.find(name).tags(*tags(extra)).summary().shouldNotBeNull()
        fun gauge(name: String, extra: Map<String, String> = emptyMap()): Double =
            registry.find(name).tags(*tags(extra)).gauge().shouldNotBeNull().value()
        fun workflow(type: String) = mapOf("workflow_type" to type)

        // workflow outcomes
        count("temporal_workflow_completed", workflow("MetricsGreeting")) shouldBe 2.0
        count("temporal_workflow_completed", workflow("MetricsFailOnce")) shouldBe 1.0
        count("temporal_workflow_completed", workflow("MetricsContinued")) shouldBe 1.0
        count("temporal_workflow_failed", workflow("MetricsRefused")) shouldBe 1.0
        count("temporal_workflow_canceled", workflow("MetricsWaiting")) shouldBe 1.0
        count("temporal_workflow_continue_as_new", workflow("MetricsContinued")) shouldBe 1.0
        registry.find("temporal_workflow_completed").counters().sumOf { it.count() } shouldBe 4.0
        histogram("temporal_workflow_endtoend_latency", workflow("MetricsGreeting")).count() shouldBe 2L
        histogram("temporal_workflow_endtoend_latency", workflow("MetricsGreeting")).max() shouldBeLessThan 60_000.0

        // workflow tasks
        count("temporal_workflow_task_execution_failed", workflow("MetricsFailOnce") + ("failure_reason" to "Workflow")) shouldBe 1.0
        registry.find("temporal_workflow_task_execution_failed").counters().sumOf { it.count() } shouldBe 1.0
        histogram("temporal_workflow_task_execution_latency", workflow("MetricsGreeting")).count() shouldBeGreaterThan 4L
        histogram("temporal_workflow_task_execution_latency", workflow("MetricsFailOnce")).count() shouldBe 2L
        histogram("temporal_workflow_task_schedule_to_start_latency").count() shouldBeGreaterThan 8L
        histogram("temporal_workflow_task_replay_latency", workflow("MetricsGreeting")).count() shouldBe 1L
        count("temporal_workflow_task_queue_poll_succeed") shouldBeGreaterThan 8.0

        // sticky cache: the first greeting was pushed out once and replayed once
        count("temporal_sticky_cache_total_forced_eviction") shouldBe 1.0
        count("temporal_sticky_cache_miss") shouldBe 1.0
        count("temporal_sticky_cache_hit") shouldBeGreaterThan 2.0
        gauge("temporal_sticky_cache_size") shouldBe 0.0

        // activities and local activities
        val greet = mapOf("activity_type" to "greet")
        histogram("temporal_activity_execution_latency", greet).count() shouldBe 2L
        histogram("temporal_activity_schedule_to_start_latency", greet).count() shouldBe 2L
        histogram("temporal_activity_execution_latency", mapOf("activity_type" to "refuse")).count() shouldBe 1L
        count("temporal_activity_execution_failed", mapOf("activity_type" to "refuse")) shouldBe 1.0
        registry.find("temporal_activity_execution_failed").counters().sumOf { it.count() } shouldBe 1.0
        val shout = mapOf("activity_type" to "shout") + workflow("MetricsGreeting")
        count("temporal_local_activity_total", shout) shouldBe 2.0
        histogram("temporal_local_activity_execution_latency", shout).count() shouldBe 2L
        val localRefuse = mapOf("activity_type" to "refuse") + workflow("MetricsRefused")
        count("temporal_local_activity_total", localRefuse) shouldBe 1.0
        count("temporal_local_activity_execution_failed", localRefuse) shouldBe 1.0
        registry.find("temporal_local_activity_execution_failed").counters().sumOf { it.count() } shouldBe 1.0

        // worker parts, slots and pollers
        count("temporal_worker_start", mapOf("worker_type" to "WorkflowWorker")) shouldBe 1.0
        count("temporal_worker_start", mapOf("worker_type" to "ActivityWorker")) shouldBe 1.0
        for (type in listOf("WorkflowWorker", "ActivityWorker")) {
            val available = gauge("temporal_worker_task_slots_available", mapOf("worker_type" to type))
            val used = gauge("temporal_worker_task_slots_used", mapOf("worker_type" to type))
            (available in 0.0..100.0 && used in 0.0..100.0) shouldBe true
        }
        registry.find("temporal_num_pollers").gauges().map { it.id.getTag("poller_type") } shouldContainAll
            listOf("workflow_task", "sticky_workflow_task", "activity_task")

        // RPCs, each attempt by operation: six starts, long polls, one failure of each kind
        fun rpc(name: String, operation: String, extra: Map<String, String> = emptyMap()): Double =
            registry.find(name).tags(*(mapOf("namespace" to "default", "operation" to operation) + extra)
                .flatMap { listOf(it.key, it.value) }.toTypedArray()).counter().shouldNotBeNull().count()
        rpc("temporal_request", "StartWorkflowExecution") shouldBe 6.0
        rpc("temporal_request", "RespondWorkflowTaskFailed") shouldBe 1.0
        rpc("temporal_long_request", "PollWorkflowTaskQueue") shouldBeGreaterThan 8.0
        rpc("temporal_long_request", "PollActivityTaskQueue") shouldBeGreaterThan 0.0
        rpc("temporal_request_failure", "DescribeWorkflowExecution", mapOf("status_code" to "NOT_FOUND")) shouldBe 1.0
        rpc("temporal_long_request_failure", "GetWorkflowExecutionHistory", mapOf("status_code" to "NOT_FOUND")) shouldBe 1.0
        val latency = registry.find("temporal_request_latency").tag("operation", "StartWorkflowExecution").summary().shouldNotBeNull()
        latency.count() shouldBe 6L
        latency.max() shouldBeLessThan 10_000.0
        registry.find("temporal_long_request_latency").tag("operation", "PollWorkflowTaskQueue").summary().shouldNotBeNull()
            .totalAmount() shouldBeGreaterThan 0.0

        // nothing recorded while replaying: each greeting counted once, though both were replayed
        registry.find("greetings_started").tags(*tags(workflow("MetricsGreeting"))).counter().shouldNotBeNull().count() shouldBe 2.0

        // every metric of the list was recorded, with the worker's attributes on the worker's metrics
        val recorded = registry.meters.map(Meter::getId)
        val names = recorded.map { it.name }.toSet()
        val expected = SdkMetricNames::class.java.fields.filter { it.type == String::class.java }.map { it.get(null) as String }
        names shouldContainAll expected
        recorded.filter { it.name.startsWith("temporal_") && !it.name.contains("request") }
            .all { it.getTag("namespace") == "default" && it.getTag("task_queue") == taskQueue } shouldBe true
    }
})
