package dev.temporalkt.worker.replay

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import java.io.File
import kotlin.reflect.KClass
import kotlin.reflect.KType

/**
 * The histories other Temporal SDKs recorded, committed as `src/test/resources/histories/foreign/<name>.json` (proto
 * JSON, as `temporal workflow show --output json` writes it). The scripts that record them are in
 * `src/test/foreign-histories`; each run's workflow id is the fixture's name.
 */
object ForeignHistories {
    private const val RESOURCE_DIRECTORY = "/histories/foreign"

    /** Reads fixture [name] (without `.json`); its workflow id is [name]. */
    fun load(name: String): WorkflowHistory {
        val resource = checkNotNull(javaClass.getResource("$RESOURCE_DIRECTORY/$name.json")) {
            "No foreign history fixture $name.json in $RESOURCE_DIRECTORY; src/test/foreign-histories/README.md says how to record it"
        }
        return WorkflowHistory.fromJson(name, resource.readText())
    }

    /** Names (without `.json`) of every committed fixture, sorted. */
    fun names(): List<String> {
        val directory = File(checkNotNull(javaClass.getResource(RESOURCE_DIRECTORY)) { "no $RESOURCE_DIRECTORY on the test classpath" }.toURI())
        return directory.listFiles { f -> f.name.endsWith(".json") }.orEmpty().map { it.name.removeSuffix(".json") }.sorted()
    }

    /** The SDK that wrote [history]: the name in the first workflow task completion's SDK metadata. */
    fun recordingSdk(history: History): String =
        history.eventsList.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
            .workflowTaskCompletedEventAttributes.sdkMetadata.sdkName

    /** The result the run completed with in [history], decoded as [type]. */
    fun recordedResult(history: History, type: KType): Any? {
        val last = history.eventsList.last()
        check(last.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) { "the run did not complete: its last event is ${last.eventType}" }
        return DataConverter.default.payloadConverter.fromPayload(last.workflowExecutionCompletedEventAttributes.result.getPayloads(0), type)
    }

    /** Results of the completed updates of [history] by update id, decoded as [type]. */
    fun recordedUpdateResults(history: History, type: KType): Map<String, Any?> =
        history.eventsList.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED }.associate {
            val attributes = it.workflowExecutionUpdateCompletedEventAttributes
            attributes.meta.updateId to DataConverter.default.payloadConverter.fromPayload(attributes.outcome.success.getPayloads(0), type)
        }
}

/** What the workflow code returned while [WorkflowReplayer] replayed a history: the run's result and the update results. */
class ReplayedResults(val run: Any?, val updates: Map<String, Any?>)

/**
 * Replays [history] with [workflows] and returns what the run function and the update handlers returned; throws as
 * [WorkflowReplayer.replay] does.
 */
fun replayForResults(history: WorkflowHistory, vararg workflows: KClass<*>): ReplayedResults {
    var run: Any? = null
    val updates = LinkedHashMap<String, Any?>()
    val capture = object : WorkerInterceptor {
        override fun interceptWorkflow(next: WorkflowInboundInterceptor) = object : WorkflowInboundInterceptor(next) {
            override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? = super.executeWorkflow(input).also { run = it }

            override suspend fun handleUpdate(input: HandleUpdateInput): Any? =
                super.handleUpdate(input).also { updates[input.updateId] = it }
        }
    }
    WorkflowReplayer(workflows.toList(), interceptors = listOf(capture)).replay(history.history, history.workflowId)
    return ReplayedResults(run, updates)
}
