package dev.temporalkt.workflow.e2e

import com.google.protobuf.ByteString
import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.QueryWorkflowInput
import dev.temporalkt.client.SignalWorkflowInput
import dev.temporalkt.client.StartWorkflowInput
import dev.temporalkt.client.StartWorkflowUpdateInput
import dev.temporalkt.client.WorkflowUpdateHandle
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.interceptor.ActivityHeartbeatInput
import dev.temporalkt.worker.interceptor.ActivityInboundInterceptor
import dev.temporalkt.worker.interceptor.ActivityOutboundInterceptor
import dev.temporalkt.worker.interceptor.ExecuteActivityInput
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleQueryInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.worker.interceptor.SignalChildWorkflowInput
import dev.temporalkt.worker.interceptor.StartActivityInput
import dev.temporalkt.worker.interceptor.StartChildWorkflowInput
import dev.temporalkt.worker.interceptor.StartLocalActivityInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import dev.temporalkt.worker.interceptor.WorkflowOutboundInterceptor
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ChildWorkflowHandle
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.time.Duration.Companion.seconds

/** The header every call of the tenant-aware client carries, as exact bytes. */
private val TENANT: Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
    .setData(ByteString.copyFromUtf8("acme"))
    .build()

private fun Map<String, Payload>.tenant(): String = this["tenant"]?.data?.toStringUtf8() ?: "none"

/** Client side of the propagation: puts the tenant on every start, signal, query and update. */
class TenantClientInterceptor : ClientInterceptor {
    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = object : ClientOutboundInterceptor(next) {
        override suspend fun startWorkflow(input: StartWorkflowInput) =
            super.startWorkflow(input.copy(headers = input.headers + ("tenant" to TENANT)))

        override suspend fun signalWorkflow(input: SignalWorkflowInput) =
            super.signalWorkflow(input.copy(headers = input.headers + ("tenant" to TENANT)))

        override suspend fun queryWorkflow(input: QueryWorkflowInput) =
            super.queryWorkflow(input.copy(headers = input.headers + ("tenant" to TENANT)))

        override suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> =
            super.startWorkflowUpdate(input.copy(headers = input.headers + ("tenant" to TENANT)))
    }
}

/**
 * Worker side of the propagation: each run remembers the tenant of its start and copies it onto the activities,
 * local activities, child workflows and child signals it sends; updates and (with [refuseSignals]) `note` signals
 * without a tenant are refused;
 * activity arguments and child workflow arguments get the tenant appended. Everything seen is recorded in [seen].
 */
class TenantWorkerInterceptor(private val refuseSignals: Boolean = true) : WorkerInterceptor {
    val seen: ConcurrentLinkedQueue<String> = ConcurrentLinkedQueue()

    private fun record(entry: String) {
        if (!Workflow.isReplaying()) seen += entry
    }

    override fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor = object : WorkflowInboundInterceptor(next) {
        private var tenant: Payload? = null

        private fun Map<String, Payload>.withTenant() = tenant?.let { this + ("tenant" to it) } ?: this

        override fun init(outbound: WorkflowOutboundInterceptor) {
            super.init(object : WorkflowOutboundInterceptor(outbound) {
                override fun startActivity(input: StartActivityInput): ActivityHandle<Any?> =
                    super.startActivity(input.copy(headers = input.headers.withTenant()))

                override fun startLocalActivity(input: StartLocalActivityInput): ActivityHandle<Any?> =
                    super.startLocalActivity(input.copy(headers = input.headers.withTenant()))

                override suspend fun startChildWorkflow(input: StartChildWorkflowInput): ChildWorkflowHandle<Any?> =
                    super.startChildWorkflow(input.copy(headers = input.headers.withTenant()))

                override suspend fun signalChildWorkflow(input: SignalChildWorkflowInput) =
                    super.signalChildWorkflow(input.copy(headers = input.headers.withTenant()))
            })
        }

        override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? {
            tenant = input.headers["tenant"]
            record("${input.workflowType} started for ${input.headers.tenant()}")
            val args = if (input.workflowType == "E2eTenantChild") listOf("${input.args.single()}@${input.headers.tenant()}") else input.args
            return super.executeWorkflow(input.copy(args = args))
        }

        override suspend fun handleSignal(input: HandleSignalInput) {
            record("signal ${input.signalName} for ${input.headers.tenant()}")
            if ("tenant" !in input.headers && input.signalName == "note" && refuseSignals) {
                throw ApplicationFailure("signal '${input.signalName}' refused: no tenant header", type = "MissingTenant")
            }
            super.handleSignal(input)
        }

        override fun handleQuery(input: HandleQueryInput): Any? {
            record("query ${input.queryType} for ${input.headers.tenant()}")
            return super.handleQuery(input)
        }

        override fun validateUpdate(input: HandleUpdateInput) {
            record("update ${input.updateName} for ${input.headers.tenant()}")
            if ("tenant" !in input.headers) {
                throw ApplicationFailure("update '${input.updateName}' refused: no tenant header", type = "MissingTenant")
            }
            super.validateUpdate(input)
        }
    }

    override fun interceptActivity(next: ActivityInboundInterceptor): ActivityInboundInterceptor = object : ActivityInboundInterceptor(next) {
        override suspend fun executeActivity(input: ExecuteActivityInput): Any? {
            val local = if (input.info.isLocal) "local " else ""
            seen += "${local}activity ${input.info.activityType} for ${input.headers.tenant()}"
            return super.executeActivity(input.copy(args = listOf("${input.args.single()} (tenant ${input.headers.tenant()})")))
        }
    }
}

/** Records the order in which interceptors see calls, as `name:call`. */
class OrderRecordingInterceptor(private val name: String, private val log: ConcurrentLinkedQueue<String>) : WorkerInterceptor {
    private fun record(call: String) {
        if (!Workflow.isReplaying()) log += "$name:$call"
    }

    override fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor = object : WorkflowInboundInterceptor(next) {
        override fun init(outbound: WorkflowOutboundInterceptor) {
            super.init(object : WorkflowOutboundInterceptor(outbound) {
                override fun startActivity(input: StartActivityInput): ActivityHandle<Any?> {
                    record("startActivity")
                    return super.startActivity(input)
                }
            })
        }

        override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? {
            record("executeWorkflow")
            return super.executeWorkflow(input)
        }
    }

    override fun interceptActivity(next: ActivityInboundInterceptor): ActivityInboundInterceptor = object : ActivityInboundInterceptor(next) {
        override fun init(outbound: ActivityOutboundInterceptor) {
            super.init(object : ActivityOutboundInterceptor(outbound) {
                override fun heartbeat(input: ActivityHeartbeatInput) {
                    log += "$name:heartbeat ${input.details}"
                    super.heartbeat(input)
                }
            })
        }

        override suspend fun executeActivity(input: ExecuteActivityInput): Any? {
            log += "$name:executeActivity"
            return super.executeActivity(input)
        }
    }
}

class TenantActivities {
    @Activity
    fun greet(subject: String): String {
        ActivityContext.current().heartbeat("greeting")
        return "hello $subject"
    }
}

@Workflow(name = "E2eTenantChild")
class TenantChildWorkflow {
    private var proceed = false

    @WorkflowRun
    suspend fun run(subject: String): String {
        Workflow.waitCondition { proceed }
        return "child of $subject"
    }

    @Signal
    fun proceed() {
        proceed = true
    }
}

@Workflow(name = "E2eTenantParent")
class TenantParentWorkflow {
    private val notes = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(subject: String): List<String> {
        val remote = Workflow.executeActivity(TenantActivities::greet, subject, options = ActivityOptions(startToCloseTimeout = 10.seconds))
        val local = Workflow.executeLocalActivity(
            TenantActivities::greet, "$subject locally", options = LocalActivityOptions(startToCloseTimeout = 10.seconds),
        )
        val child = Workflow.startChildWorkflow(
            TenantChildWorkflow::run, subject, options = ChildWorkflowOptions(workflowId = "${Workflow.info().workflowId}-child"),
        )
        child.signal(TenantChildWorkflow::proceed)
        val fromChild = child.result()
        Workflow.waitCondition { notes.isNotEmpty() }
        return listOf(remote, local, fromChild) + notes
    }

    @Signal
    fun note(text: String) {
        notes += text
    }

    @Query
    fun noteCount(): Int = notes.size

    @Update
    fun label(text: String): String = "label $text"
}

@Workflow(name = "E2eInterceptorOrder")
class InterceptorOrderWorkflow {
    @WorkflowRun
    suspend fun run(): String = Workflow.executeActivity(TenantActivities::greet, "order", options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

/** Worker interceptors: header propagation from the client through workflows to activities and children, refusals, order. */
class WorkerInterceptorSpec : FunSpec({
    val workflows = listOf(TenantParentWorkflow::class, TenantChildWorkflow::class, InterceptorOrderWorkflow::class)
    val servers = e2eServers()

    for (server in servers) {
        test("${server.name}: the tenant header flows from the client to the workflow, its activities, local activities and child, on the wire") {
            // The embedded server drops the headers of signals (from clients and from workflows) and records none in
            // the history: there the signals arrive without the tenant, so they must not be refused.
            val tenants = TenantWorkerInterceptor(refuseSignals = !server.timeSkipping)
            server.withWorker(
                workflows, listOf(TenantActivities()), WorkerOptions(interceptors = listOf(tenants)),
                clientOptions = ClientOptions(interceptors = listOf(TenantClientInterceptor())),
            ) {
                // The embedded server's clock is held from the start: the run waits for the test once its child is done.
                val handle = userActs {
                    val handle = client.startWorkflow<List<String>>("E2eTenantParent", "world", options = options("tenant"))
                    awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED }
                    handle.executeUpdate<String>("label", "x") shouldBe "label x"
                    handle.query<Int>("noteCount") shouldBe 0
                    handle.signal("note", "done")
                    handle
                }
                handle.result() shouldBe listOf(
                    "hello world (tenant acme)",
                    "hello world locally (tenant acme)",
                    "child of world@acme",
                    "done",
                )
                tenants.seen.toList() shouldContainExactlyInAnyOrder listOf(
                    "E2eTenantParent started for acme",
                    "activity greet for acme",
                    "local activity greet for acme",
                    "E2eTenantChild started for acme",
                    "signal proceed for ${if (timeSkipping) "none" else "acme"}",
                    "update label for acme",
                    "query noteCount for acme",
                    "signal note for ${if (timeSkipping) "none" else "acme"}",
                )

                val events = events(handle)
                fun header(type: EventType) = events.first { it.eventType == type }.let { event ->
                    when (type) {
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> event.workflowExecutionStartedEventAttributes.header
                        EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> event.activityTaskScheduledEventAttributes.header
                        EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> event.startChildWorkflowExecutionInitiatedEventAttributes.header
                        EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED -> event.signalExternalWorkflowExecutionInitiatedEventAttributes.header
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> event.workflowExecutionSignaledEventAttributes.header
                        else -> error("no header read for $type")
                    }.fieldsMap
                }
                val withHeaders = listOf(
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                ) + if (timeSkipping) {
                    emptyList() // the embedded server records no signal headers
                } else {
                    listOf(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                }
                for (type in withHeaders) {
                    val headers = header(type)
                    withClue(type) {
                        headers.keys shouldBe setOf("tenant")
                        headers.getValue("tenant").toByteString() shouldBe TENANT.toByteString()
                    }
                }
                val child = client.getWorkflowHandle<String>("${handle.id}-child")
                val childEvents = events(child)
                childEvents.first().workflowExecutionStartedEventAttributes.header.fieldsMap.getValue("tenant").toByteString() shouldBe
                    TENANT.toByteString()
                if (!timeSkipping) {
                    childEvents.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED }
                        .workflowExecutionSignaledEventAttributes.header.fieldsMap.getValue("tenant").toByteString() shouldBe TENANT.toByteString()
                }

                val replayer = WorkflowReplayer(workflows, interceptors = listOf(TenantWorkerInterceptor(refuseSignals = !timeSkipping)))
                replayer.replay(handle.fetchHistory().history, handle.id)
                replayer.replay(child.fetchHistory().history, child.id)
            }
        }

        test("${server.name}: an interceptor refuses an update and a signal without the tenant header by throwing") {
            val tenants = TenantWorkerInterceptor()
            server.withWorker(
                workflows, listOf(TenantActivities()), WorkerOptions(interceptors = listOf(tenants)),
                clientOptions = ClientOptions(interceptors = listOf(TenantClientInterceptor())),
            ) {
                // A client without the tenant interceptor over the same connection.
                val plain = Client(client.connection)
                val handle = userActs {
                    val handle = client.startWorkflow<List<String>>("E2eTenantParent", "world", options = options("refuse"))
                    awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED }
                    val plainHandle = plain.getWorkflowHandle<List<String>>(handle.id)
                    val refused = shouldThrow<WorkflowUpdateFailedException> { plainHandle.executeUpdate<String>("label", "x") }
                    val cause = refused.cause.shouldBeInstanceOf<ApplicationFailure>()
                    cause.type shouldBe "MissingTenant"
                    cause.message shouldBe "update 'label' refused: no tenant header"
                    plainHandle.signal("note", "anonymous")
                    handle
                }
                val failed = shouldThrow<WorkflowFailedException> { handle.result() }
                val failure = failed.cause.shouldBeInstanceOf<ApplicationFailure>()
                failure.type shouldBe "MissingTenant"
                failure.message shouldBe "signal 'note' refused: no tenant header"
                eventTypes(handle) shouldNotContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
                WorkflowReplayer(workflows, interceptors = listOf(TenantWorkerInterceptor())).replay(handle.fetchHistory().history, handle.id)
            }
        }

    }

    for (server in servers) {
        test("${server.name}: interceptors apply in list order, the first outermost on both sides") {
            val log = ConcurrentLinkedQueue<String>()
            val interceptors = listOf(OrderRecordingInterceptor("a", log), OrderRecordingInterceptor("b", log))
            server.withWorker(workflows, listOf(TenantActivities()), WorkerOptions(interceptors = interceptors)) {
                client.startWorkflow<String>("E2eInterceptorOrder", options = options("order")).result() shouldBe "hello order"
                log.toList() shouldBe listOf(
                    "a:executeWorkflow",
                    "b:executeWorkflow",
                    "b:startActivity",
                    "a:startActivity",
                    "a:executeActivity",
                    "b:executeActivity",
                    "b:heartbeat [greeting]",
                    "a:heartbeat [greeting]",
                )
            }
        }
    }
})
