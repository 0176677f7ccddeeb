package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy as ProtoIdReusePolicy
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.memoValue
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.common.buildSearchAttributes
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowIdReusePolicy
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private val childTag = SearchAttributeKey.forKeyword("CustomKeywordField")

@Workflow(name = "E2eOptionsChild")
class OptionsChildWorkflow {
    /** What the child sees of the options its parent started it with. */
    @WorkflowRun
    suspend fun run(greeting: String): String {
        val info = Workflow.info()
        return "$greeting from ${info.taskQueue}: execution ${info.executionTimeout}, run ${info.runTimeout}, " +
            "task ${info.taskTimeout}, parent ${info.parent?.workflowId}, memo ${Workflow.memoValue<String>("owner")}, " +
            "tag ${Workflow.searchAttributes()[childTag]}"
    }
}

@Workflow(name = "E2eExternalTarget")
class ExternalTargetWorkflow {
    private val pokes = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.waitCondition { false }
        return pokes
    }

    @Signal
    fun poke(text: String) {
        pokes += text
    }
}

@Workflow(name = "E2eOptionsParent")
class OptionsParentWorkflow {
    @WorkflowRun
    suspend fun run(childQueue: String, targetId: String, targetRunId: String): String {
        val id = Workflow.info().workflowId
        val child = Workflow.startChildWorkflow<String>(
            "E2eOptionsChild", typeOf<String>(), "hello",
            options = ChildWorkflowOptions(
                workflowId = "$id-child",
                taskQueue = childQueue,
                executionTimeout = 10.minutes,
                runTimeout = 5.minutes,
                taskTimeout = 7.seconds,
                idReusePolicy = WorkflowIdReusePolicy.REJECT_DUPLICATE,
                retryPolicy = RetryPolicy(initialInterval = 2.seconds, maximumAttempts = 3),
                memo = mapOf("owner" to "ada"),
                searchAttributes = buildSearchAttributes { set(childTag, "child-tag") },
                summary = "options child",
            ),
        )
        val result = child.result()
        // A cron child waits for its schedule; the parent closing terminates it.
        Workflow.startChildWorkflow<String>(
            "E2eOptionsChild", typeOf<String>(), "cron",
            options = ChildWorkflowOptions(workflowId = "$id-cron", taskQueue = childQueue, cronSchedule = "0 0 * * *"),
        )
        Workflow.getExternalWorkflowHandle(targetId, targetRunId).signal(ExternalTargetWorkflow::poke, "by run id")
        Workflow.getExternalWorkflowHandle(targetId).cancel()
        return result
    }
}

@Workflow(name = "E2eSummaryParent")
class SummaryParentWorkflow {
    @WorkflowRun
    suspend fun run(): String = Workflow.executeChildWorkflow(
        OptionsChildWorkflow::run, "summarised",
        options = ChildWorkflowOptions(workflowId = "${Workflow.info().workflowId}-child", summary = "options child"),
    )
}

/** Child workflow options as recorded by the server and seen by the child, and external workflow handles. */
class ChildOptionsSpec : FunSpec({
    val servers = e2eServers()
    for (server in servers) {
        test("${server.name}: every child option reaches the initiated event and the child; an external handle signals by run id and cancels by id") {
            server.withWorker(listOf(OptionsParentWorkflow::class, ExternalTargetWorkflow::class)) {
                val childQueue = "$taskQueue-children"
                Worker(client, childQueue, workflows = listOf(OptionsChildWorkflow::class)).start().use {
                    // The clock is held from before the target starts until the parent is done: the embedded server
                    // delivers external signals and cancels off the workflow task, and the parent's cron child waits
                    // for its schedule, so a free clock could skip past the idle target's execution timeout meanwhile.
                    val (target, parent) = userActs {
                        val target = client.startWorkflow<List<String>>("E2eExternalTarget", options = options("target"))
                        val parent = client.startWorkflow<String>(
                            "E2eOptionsParent", childQueue, target.id, target.resultRunId, options = options("parent"),
                        )
                        parent.result() shouldBe "hello from $childQueue: execution 10m, run 5m, task 7s, parent ${parent.id}, " +
                            "memo ada, tag child-tag"
                        target to parent
                    }

                    val initiated = events(parent).filter { it.eventType == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED }
                    initiated.size shouldBe 2
                    val attributes = initiated[0].startChildWorkflowExecutionInitiatedEventAttributes
                    attributes.workflowId shouldBe "${parent.id}-child"
                    attributes.workflowType.name shouldBe "E2eOptionsChild"
                    attributes.taskQueue.name shouldBe childQueue
                    attributes.workflowExecutionTimeout.seconds shouldBe 600
                    attributes.workflowRunTimeout.seconds shouldBe 300
                    attributes.workflowTaskTimeout.seconds shouldBe 7
                    attributes.workflowIdReusePolicy shouldBe ProtoIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
                    attributes.retryPolicy.initialInterval.seconds shouldBe 2
                    attributes.retryPolicy.maximumAttempts shouldBe 3
                    attributes.memo.fieldsMap.getValue("owner").data.toStringUtf8() shouldBe "\"ada\""
                    if (!timeSkipping) {
                        // the embedded server gives the child its search attributes but leaves them out of this event
                        attributes.searchAttributes.indexedFieldsMap.getValue("CustomKeywordField").data.toStringUtf8() shouldBe "\"child-tag\""
                    }
                    attributes.cronSchedule shouldBe ""
                    val cron = initiated[1].startChildWorkflowExecutionInitiatedEventAttributes
                    cron.workflowId shouldBe "${parent.id}-cron"
                    cron.cronSchedule shouldBe "0 0 * * *"

                    val child = client.getWorkflowHandle<String>("${parent.id}-child")
                    val description = child.describe()
                    description.status shouldBe WorkflowExecutionStatus.COMPLETED
                    description.taskQueue shouldBe childQueue
                    description.parent shouldBe (parent.id to parent.resultRunId)
                    description.memoValue<String>("owner") shouldBe "ada"
                    description.searchAttributes[childTag] shouldBe "child-tag"

                    val signalled = events(parent).single { it.eventType == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED }
                        .signalExternalWorkflowExecutionInitiatedEventAttributes
                    signalled.workflowExecution.workflowId shouldBe target.id
                    signalled.workflowExecution.runId shouldBe target.resultRunId
                    signalled.signalName shouldBe "poke"
                    val cancelRequested = events(parent)
                        .single { it.eventType == EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED }
                        .requestCancelExternalWorkflowExecutionInitiatedEventAttributes
                    cancelRequested.workflowExecution.workflowId shouldBe target.id
                    cancelRequested.workflowExecution.runId shouldBe ""
                    eventTypes(parent).count { it == EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED } shouldBe 1

                    awaitEvent(target) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED }
                    val targetEvents = events(target)
                    val signal = targetEvents.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                        .workflowExecutionSignaledEventAttributes
                    signal.signalName shouldBe "poke"
                    signal.input.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"by run id\"")
                    targetEvents.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED } shouldBe 1
                    targetEvents.last().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED

                    replay(parent)
                    replay(target)
                    WorkflowReplayer(listOf(OptionsChildWorkflow::class)).replay(child.fetchHistory().history, child.id)
                }
            }
        }
    }

    test("dev server: a child's summary is recorded in the initiated event and shown by describe (dev server only)") {
        servers.single { !it.timeSkipping }.withWorker(listOf(SummaryParentWorkflow::class, OptionsChildWorkflow::class)) {
            val parent = client.startWorkflow<String>("E2eSummaryParent", options = options("summary-parent"))
            parent.result() shouldStartWith "summarised from $taskQueue:"
            val initiated = events(parent).single { it.eventType == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED }
            client.dataConverter.payloadConverter.fromPayload(initiated.userMetadata.summary, typeOf<String>()) shouldBe "options child"
            client.getWorkflowHandle<String>("${parent.id}-child").describe().staticSummary() shouldBe "options child"
            replay(parent)
        }
    }
})
