package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.sdk.v1.WorkflowMetadata
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.memoValue
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.buildSearchAttributes
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.seconds

/** A memo value decoded by type in the workflow. */
data class ContextCustomer(val name: String, val tier: Int)

/**
 * What the context workflow computed from its clock and random generator each time its code ran, by workflow id:
 * the live run, every replay of the worker (which caches no runs here) and the replays of the test.
 */
object ContextSightings {
    private val seen = ConcurrentHashMap<String, CopyOnWriteArrayList<String>>()

    fun note(workflowId: String, sighting: String) {
        seen.computeIfAbsent(workflowId) { CopyOnWriteArrayList() }.add(sighting)
    }

    fun of(workflowId: String): List<String> = seen[workflowId].orEmpty().toList()
}

private val TIER = SearchAttributeKey.forKeyword("CustomKeywordField")
private val SCORE = SearchAttributeKey.forLong("CustomIntField")

@Workflow(name = "E2eContextChild")
class ContextChildWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> {
        val info = Workflow.info()
        return listOf(info.parent.toString(), info.root.toString())
    }
}

@Workflow(name = "E2eContext")
class ContextWorkflow {
    private var go = false

    @WorkflowRun
    suspend fun run(label: String): Map<String, String> {
        val info = Workflow.info()
        val startedAt = Workflow.now()
        val sighting = "$startedAt ${Workflow.random().nextLong()} ${Workflow.uuid4()}"
        ContextSightings.note(info.workflowId, sighting)
        val lengthAtStart = Workflow.historyLength()
        val sizeAtStart = Workflow.historySize()
        val customer = Workflow.memoValue<ContextCustomer>("customer")
        Workflow.setCurrentDetails("waiting for **go**")
        Workflow.upsertMemo(mapOf("stage" to "started", "obsolete" to null))
        Workflow.upsertSearchAttributes(TIER.valueSet("gold-$label"), SCORE.valueSet(7))
        val child = Workflow.executeChildWorkflow(
            ContextChildWorkflow::run,
            options = ChildWorkflowOptions(workflowId = "${info.workflowId}-child"),
        )
        Workflow.waitCondition { go }
        Workflow.upsertSearchAttributes(SCORE.valueUnset())
        Workflow.upsertMemo(mapOf("stage" to "finished"))
        Workflow.setCurrentDetails("finished")
        return mapOf(
            "workflowId" to info.workflowId,
            "runId" to info.runId,
            "firstExecutionRunId" to info.firstExecutionRunId,
            "workflowType" to info.workflowType,
            "taskQueue" to info.taskQueue,
            "namespace" to info.namespace,
            "attempt" to info.attempt.toString(),
            "executionTimeout" to info.executionTimeout.toString(),
            "runTimeout" to info.runTimeout.toString(),
            "taskTimeout" to info.taskTimeout.toString(),
            "parent" to info.parent.toString(),
            "continuedRunId" to info.continuedRunId.toString(),
            "retryPolicy" to info.retryPolicy?.let { "${it.initialInterval} x${it.maximumAttempts}" }.toString(),
            "tenant" to info.headers["tenant"]?.get<String>().toString(),
            "startedAt" to startedAt.toString(),
            "sighting" to sighting,
            "lengthAtStart" to lengthAtStart.toString(),
            "lengthAtEnd" to Workflow.historyLength().toString(),
            "sizeAtStart" to sizeAtStart.toString(),
            "sizeAtEnd" to Workflow.historySize().toString(),
            "continueAsNewSuggested" to Workflow.isContinueAsNewSuggested().toString(),
            "customer" to customer.toString(),
            "memoKeys" to Workflow.memo().keys.sorted().toString(),
            "searchAttributes" to "${Workflow.searchAttributes()[TIER]} ${Workflow.searchAttributes()[SCORE]}",
            "child" to child.joinToString(" | "),
        )
    }

    @Signal
    fun go() {
        go = true
    }

    @Update
    suspend fun whoAmI(suffix: String): String {
        val update = Workflow.currentUpdateInfo()
        return "${update?.name} ${update?.id} $suffix"
    }
}

/**
 * What a run knows about itself (info, time, randomness, history, memo, search attributes, current details, update
 * info), end to end on both servers; the worker caches no runs, so every workflow task replays the run from its start,
 * and each history is replayed again afterwards.
 */
class WorkflowContextSpec : FunSpec({
    val workflows = listOf(ContextWorkflow::class, ContextChildWorkflow::class)
    val noCache = WorkerOptions(maxCachedWorkflows = 0)
    val converter = DefaultPayloadConverter()

    for (server in e2eServers()) {
        test("${server.name}: info, workflow time, randomness, history length and size and a child's parent, the same on every replay") {
            server.withWorker(workflows, options = noCache) {
                val options = options("context").copy(
                    executionTimeout = 2.hours,
                    runTimeout = 1.hours,
                    taskTimeout = 10.seconds,
                    retryPolicy = RetryPolicy(initialInterval = 3.seconds, maximumAttempts = 2),
                    headers = mapOf("tenant" to converter.toPayload("acme", typeOf<String>())),
                    memo = mapOf("customer" to ContextCustomer("ada", 3), "obsolete" to "x"),
                )
                val handle = userActs {
                    client.startWorkflow<Map<String, String>>("E2eContext", "a", options = options).also { it.signal("go") }
                }
                val result = handle.result()
                val runId = handle.describe().runId
                val expected = mapOf(
                    "workflowId" to handle.id,
                    "runId" to runId,
                    "firstExecutionRunId" to runId,
                    "workflowType" to "E2eContext",
                    "taskQueue" to taskQueue,
                    "namespace" to "default",
                    "attempt" to "1",
                    "executionTimeout" to "2h",
                    "runTimeout" to "1h",
                    "taskTimeout" to "10s",
                    "parent" to "null",
                    "continuedRunId" to "null",
                    "retryPolicy" to "3s x2",
                    "tenant" to "acme",
                    "continueAsNewSuggested" to "false",
                    "customer" to "ContextCustomer(name=ada, tier=3)",
                    "memoKeys" to "[customer, stage]",
                    "searchAttributes" to "gold-a null",
                )
                result.filterKeys { it in expected } shouldBe expected

                // now() is the time of the first workflow task, as the server recorded it
                val events = events(handle)
                val firstTask = events.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED }
                Instant.parse(result.getValue("startedAt")) shouldBe
                    Instant.ofEpochSecond(firstTask.eventTime.seconds, firstTask.eventTime.nanos.toLong())
                result.getValue("lengthAtStart") shouldBe firstTask.eventId.toString()
                result.getValue("lengthAtEnd").toInt() shouldBeGreaterThan result.getValue("lengthAtStart").toInt()
                result.getValue("sizeAtStart").toLong() shouldBeGreaterThan 0L
                result.getValue("sizeAtEnd").toLong() shouldBeGreaterThan result.getValue("sizeAtStart").toLong()

                // the child sees this run as its parent and root
                val parent = "Execution(namespace=default, workflowId=${handle.id}, runId=$runId)"
                result.getValue("child") shouldBe "$parent | $parent"
                replay(handle)
                replay(client.getWorkflowHandle<List<String>>("${handle.id}-child"))

                // every execution of the code, live or replayed, saw the same time, random number and UUID
                val sightings = ContextSightings.of(handle.id)
                sightings.size shouldBeGreaterThan 2
                sightings.toSet() shouldBe setOf(result.getValue("sighting"))
            }
        }

        test("${server.name}: memo and search attribute upserts show in describe(), current details in the metadata query") {
            server.withWorker(workflows, options = noCache) {
                val options = options("context").copy(
                    memo = mapOf("customer" to ContextCustomer("bob", 1), "obsolete" to "x"),
                    searchAttributes = buildSearchAttributes { set(TIER, "silver") },
                )
                val handle = userActs {
                    val handle = client.startWorkflow<Map<String, String>>("E2eContext", "b", options = options)
                    // the update is answered in a workflow task after (or with) the first, so the first upserts are in
                    handle.executeUpdate("whoAmI", listOf("?"), typeOf<String>(), updateId = "ask-1") shouldBe "whoAmI ask-1 ?"

                    val running = handle.describe()
                    running.memo.keys.sorted() shouldBe listOf("customer", "stage")
                    running.memoValue<String>("stage") shouldBe "started"
                    running.memoValue<ContextCustomer>("customer") shouldBe ContextCustomer("bob", 1)
                    running.searchAttributes[TIER] shouldBe "gold-b"
                    running.searchAttributes[SCORE] shouldBe 7L
                    handle.query<WorkflowMetadata>("__temporal_workflow_metadata").currentDetails shouldBe "waiting for **go**"

                    handle.signal("go")
                    handle
                }
                handle.result()["searchAttributes"] shouldBe "gold-b null"
                val closed = handle.describe()
                closed.memoValue<String>("stage") shouldBe "finished"
                closed.searchAttributes[TIER] shouldBe "gold-b"
                closed.searchAttributes[SCORE] shouldBe null
                val metadata = handle.query<WorkflowMetadata>("__temporal_workflow_metadata")
                metadata.currentDetails shouldBe "finished"
                metadata.definition.type shouldBe "E2eContext"
                metadata.definition.signalDefinitionsList.map { it.name } shouldContainExactly listOf("go")
                metadata.definition.updateDefinitionsList.map { it.name } shouldContainExactly listOf("whoAmI")
                eventTypes(handle).count { it == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES } shouldBe 2
                eventTypes(handle).count { it == EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED } shouldBe 2
                replay(handle)
            }
        }
    }
})
