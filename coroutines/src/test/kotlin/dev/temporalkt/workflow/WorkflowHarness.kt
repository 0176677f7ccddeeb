@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.DefaultFailureConverter
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.JobOrder
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowInstance
import dev.temporalkt.workflow.internal.WorkflowInstanceOptions
import io.kotest.assertions.withClue
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Instant
import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** Drives one [WorkflowInstance] of a test workflow with hand-built activations. */
class WorkflowHarness(
    workflowClass: KClass<*>,
    args: List<Any?> = emptyList(),
    argTypes: List<KType> = args.map { typeOf<Any?>() },
    deadlockTimeout: Duration? = 2.seconds,
    val seed: Long = 42,
    interceptors: List<dev.temporalkt.worker.interceptor.WorkerInterceptor> = emptyList(),
    headers: Map<String, Payload> = emptyMap(),
    metricMeter: MetricMeter = MetricMeter.NOOP,
    retryPolicy: dev.temporalkt.api.common.v1.RetryPolicy? = null,
) {
    val payloadConverter = DefaultPayloadConverter()
    val failureConverter = DefaultFailureConverter()
    val definition = WorkflowDefinition.of(workflowClass)
    val initialize = ActivationJob.InitializeWorkflow(
        workflowType = definition.name,
        workflowId = "wf-1",
        arguments = payloadConverter.toPayloads(args, argTypes),
        randomnessSeed = seed,
        headers = dev.temporalkt.api.common.v1.Header.newBuilder().putAllFields(headers).build(),
        startTime = START,
        retryPolicy = retryPolicy,
    )
    internal val instance = WorkflowInstance(
        definition, initialize, payloadConverter, failureConverter,
        WorkflowInstanceOptions(
            taskQueue = "tq", namespace = "ns", deadlockTimeout = deadlockTimeout, interceptors = interceptors, metricMeter = metricMeter,
        ),
    )
    var time: Instant = START
    var replaying = false

    /** The logic flags the next activations make available: all of them, as the core does for new work. */
    var flags: Set<Int> = LogicFlag.entries.mapTo(HashSet()) { it.id }

    /** The history size the next activations report. */
    var historySizeBytes: Long = 0

    /** Activates with [jobs] put in core order. */
    fun activate(vararg jobs: ActivationJob): WorkflowActivationCompletion =
        instance.activate(
            WorkflowActivation(
                runId = "run-1",
                timestamp = time,
                isReplaying = replaying,
                historyLength = 3,
                jobs = JobOrder.sort(jobs.toList(), emptySet()),
                historySizeBytes = historySizeBytes,
                availableInternalFlags = flags,
            ),
        )

    /** Activates and returns the commands of a successful completion. */
    fun commands(vararg jobs: ActivationJob): List<WorkflowCommand> {
        val completion = activate(*jobs)
        withClue({ "expected success but got $completion" }) {
            completion.shouldBeInstanceOf<WorkflowActivationCompletion.Successful>()
        }
        return (completion as WorkflowActivationCompletion.Successful).commands
    }

    fun start(): List<WorkflowCommand> = commands(initialize)

    fun failed(vararg jobs: ActivationJob): WorkflowActivationCompletion.Failed {
        val completion = activate(*jobs)
        withClue({ "expected a task failure but got $completion" }) {
            completion.shouldBeInstanceOf<WorkflowActivationCompletion.Failed>()
        }
        return completion as WorkflowActivationCompletion.Failed
    }

    inline fun <reified T> payload(value: T): Payload = payloadConverter.toPayload(value, typeOf<T>())

    inline fun <reified T> payloads(value: T): Payloads = Payloads.newBuilder().addPayloads(payload(value)).build()

    fun signal(name: String, vararg input: Payload): ActivationJob.SignalWorkflow =
        ActivationJob.SignalWorkflow(name, Payloads.newBuilder().addAllPayloads(input.toList()).build())

    fun query(type: String, id: String = "q1", vararg input: Payload): ActivationJob.QueryWorkflow =
        ActivationJob.QueryWorkflow(id, type, Payloads.newBuilder().addAllPayloads(input.toList()).build())

    companion object {
        val START: Instant = Instant.parse("2026-01-01T00:00:00Z")
        val NO_ARGS: Payloads = Payloads.getDefaultInstance()
    }
}
