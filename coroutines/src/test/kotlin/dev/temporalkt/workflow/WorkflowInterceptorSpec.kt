@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.workflow

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.nexus.nexusClient
import dev.temporalkt.worker.activation.ActivationJob.DoUpdate
import dev.temporalkt.worker.activation.ActivationJob.QueryWorkflow
import dev.temporalkt.worker.activation.ActivationJob.SignalWorkflow
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.interceptor.ContinueAsNewInput
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleQueryInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.worker.interceptor.SignalExternalWorkflowInput
import dev.temporalkt.worker.interceptor.StartActivityInput
import dev.temporalkt.worker.interceptor.StartChildWorkflowInput
import dev.temporalkt.worker.interceptor.StartLocalActivityInput
import dev.temporalkt.worker.interceptor.StartNexusOperationInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import dev.temporalkt.worker.interceptor.WorkflowOutboundInterceptor
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

private fun text(value: String): Payload =
    Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/plain")).setData(ByteString.copyFromUtf8(value)).build()

private val TRACE = text("trace-7")

@Workflow
class OutboundCallsWorkflow {
    @WorkflowRun
    suspend fun run(): Unit = coroutineScope {
        Workflow.startActivity(PaymentActivities::charge, Order("o", 1), options = ActivityOptions(startToCloseTimeout = 5.seconds))
        Workflow.startLocalActivity(PaymentActivities::charge, Order("o", 2), options = LocalActivityOptions(startToCloseTimeout = 5.seconds))
        launch { Workflow.startChildWorkflow(InvoiceWorkflow::run, Order("o", 3), options = ChildWorkflowOptions(workflowId = "child")) }
        launch { Workflow.getExternalWorkflowHandle("other").signal("ping") }
    }
}

@Workflow
class NexusCallingWorkflow {
    @WorkflowRun
    suspend fun run(): String = Workflow.nexusClient(endpoint = "greetings", service = "Greeting")
        .executeOperation("sayHello", "Ada", NexusOperationOptions(headers = mapOf("lang" to "en")))
}

@Workflow
class ContinuingWorkflow {
    @WorkflowRun
    suspend fun run(round: Int): Int = Workflow.continueAsNew(round + 1)
}

@Workflow
class TracedGreeterWorkflow {
    private val greeted = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(name: String): List<String> {
        greeted += "run for $name"
        Workflow.waitCondition { greeted.size >= 2 }
        return greeted
    }

    @Signal
    fun greet(name: String) {
        greeted += "hello $name"
    }

    @Query
    fun count(prefix: String): String = "$prefix ${greeted.size}"

    @Update
    fun rename(name: String): String = "renamed to $name"
}

/** Adds the trace header to everything going out and records what comes in, changing arguments on the way. */
class TraceInterceptor(private val seen: MutableList<String>) : WorkerInterceptor {
    override fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor = object : WorkflowInboundInterceptor(next) {
        override fun init(outbound: WorkflowOutboundInterceptor) {
            super.init(object : WorkflowOutboundInterceptor(outbound) {
                override fun startActivity(input: StartActivityInput) = super.startActivity(input.copy(headers = mapOf("trace" to TRACE)))

                override fun startLocalActivity(input: StartLocalActivityInput) =
                    super.startLocalActivity(input.copy(headers = mapOf("trace" to TRACE)))

                override suspend fun startChildWorkflow(input: StartChildWorkflowInput) =
                    super.startChildWorkflow(input.copy(headers = mapOf("trace" to TRACE)))

                override suspend fun signalExternalWorkflow(input: SignalExternalWorkflowInput) =
                    super.signalExternalWorkflow(input.copy(headers = mapOf("trace" to TRACE)))

                override suspend fun startNexusOperation(input: StartNexusOperationInput) = super.startNexusOperation(
                    input.copy(headers = input.headers + ("trace" to "trace-7"), argument = "${input.argument} (traced)"),
                )

                override fun continueAsNew(input: ContinueAsNewInput): Nothing =
                    super.continueAsNew(input.copy(headers = mapOf("trace" to TRACE), args = listOf(100)))
            })
        }

        override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? {
            seen += "execute ${input.workflowType} ${input.args} ${input.headers["trace"]?.data?.toStringUtf8()}"
            return super.executeWorkflow(if (input.args.firstOrNull() is String) input.copy(args = listOf("${input.args[0]}!")) else input)
        }

        override suspend fun handleSignal(input: HandleSignalInput) {
            seen += "signal ${input.signalName} ${input.args} ${input.headers["trace"]?.data?.toStringUtf8()}"
            super.handleSignal(input.copy(args = input.args.map { "$it (traced)" }))
        }

        override fun handleQuery(input: HandleQueryInput): Any? {
            seen += "query ${input.queryType} ${input.args} ${input.headers["trace"]?.data?.toStringUtf8()}"
            return super.handleQuery(input.copy(args = listOf("traced")))
        }

        override fun validateUpdate(input: HandleUpdateInput) {
            seen += "validate ${input.updateName} ${input.args}"
            if (input.args == listOf("nobody")) throw ApplicationFailure("nobody is not a name", type = "BadName")
            super.validateUpdate(input)
        }

        override suspend fun handleUpdate(input: HandleUpdateInput): Any? {
            seen += "update ${input.updateName} ${input.args}"
            return "${super.handleUpdate(input)} (traced)"
        }
    }
}

class WorkflowInterceptorSpec : FunSpec({
    val header = Header.newBuilder().putFields("trace", TRACE).build()

    test("outbound interceptors put headers on the activity, local activity, child and external signal commands") {
        val seen = mutableListOf<String>()
        val h = WorkflowHarness(OutboundCallsWorkflow::class, interceptors = listOf(TraceInterceptor(seen)))
        val commands = h.start()
        commands.map { it::class.simpleName } shouldBe listOf(
            "ScheduleActivity", "ScheduleLocalActivity", "StartChildWorkflowExecution", "SignalExternalWorkflowExecution",
        )
        commands[0].shouldBeInstanceOf<WorkflowCommand.ScheduleActivity>().headers shouldBe header
        commands[1].shouldBeInstanceOf<WorkflowCommand.ScheduleLocalActivity>().headers shouldBe header
        commands[2].shouldBeInstanceOf<WorkflowCommand.StartChildWorkflowExecution>().headers shouldBe header
        commands[3].shouldBeInstanceOf<WorkflowCommand.SignalExternalWorkflowExecution>().headers shouldBe header
        seen shouldBe listOf("execute OutboundCallsWorkflow [] null")
    }

    test("an outbound interceptor adds Nexus headers and changes the input of the ScheduleNexusOperation command") {
        val h = WorkflowHarness(NexusCallingWorkflow::class, interceptors = listOf(TraceInterceptor(mutableListOf())))
        val command = h.start().single().shouldBeInstanceOf<WorkflowCommand.ScheduleNexusOperation>()
        command.endpoint shouldBe "greetings"
        command.service shouldBe "Greeting"
        command.operation shouldBe "sayHello"
        command.headers shouldBe mapOf("lang" to "en", "trace" to "trace-7")
        command.input shouldBe h.payload("Ada (traced)")
    }

    test("an outbound interceptor changes the arguments and headers of continue-as-new") {
        val h = WorkflowHarness(ContinuingWorkflow::class, listOf(1), interceptors = listOf(TraceInterceptor(mutableListOf())))
        val command = h.start().single().shouldBeInstanceOf<WorkflowCommand.ContinueAsNewWorkflowExecution>()
        command.headers shouldBe header
        command.arguments shouldBe h.payloads(100)
    }

    test("inbound interceptors see the start, signal, query and update headers and arguments, and may change them") {
        val seen = mutableListOf<String>()
        val h = WorkflowHarness(TracedGreeterWorkflow::class, listOf("Ada"), interceptors = listOf(TraceInterceptor(seen)), headers = mapOf("trace" to TRACE))
        h.start() shouldBe emptyList()
        h.commands(QueryWorkflow("q1", "count", h.payloads("greeted"), header)) shouldBe listOf(
            WorkflowCommand.RespondToQuery("q1", QueryOutcome.Succeeded(h.payload("traced 1"))),
        )
        h.commands(DoUpdate("u1", "p-1", "rename", h.payloads("Grace"), header)) shouldBe listOf(
            WorkflowCommand.UpdateResponse("p-1", UpdateOutcome.Accepted),
            WorkflowCommand.UpdateResponse("p-1", UpdateOutcome.Completed(h.payload("renamed to Grace (traced)"))),
        )
        h.commands(SignalWorkflow("greet", h.payloads("Linus"), headers = header)) shouldBe listOf(
            WorkflowCommand.CompleteWorkflowExecution(h.payload(listOf("run for Ada!", "hello Linus (traced)"))),
        )
        seen shouldBe listOf(
            "execute TracedGreeterWorkflow [Ada] trace-7",
            "query count [greeted] trace-7",
            "validate rename [Grace]",
            "update rename [Grace]",
            "signal greet [Linus] trace-7",
        )
    }

    test("an inbound interceptor rejects an update of a workflow without validator by throwing; not again on replay") {
        val seen = mutableListOf<String>()
        val h = WorkflowHarness(TracedGreeterWorkflow::class, listOf("Ada"), interceptors = listOf(TraceInterceptor(seen)))
        h.start()
        val response = h.commands(DoUpdate("u1", "p-1", "rename", h.payloads("nobody"))).single()
            .shouldBeInstanceOf<WorkflowCommand.UpdateResponse>()
        val rejection = response.outcome.shouldBeInstanceOf<UpdateOutcome.Rejected>().failure
        rejection.message shouldBe "nobody is not a name"
        rejection.applicationFailureInfo.type shouldBe "BadName"
        h.commands(DoUpdate("u2", "p-2", "rename", h.payloads("nobody"), runValidator = false)).first() shouldBe
            WorkflowCommand.UpdateResponse("p-2", UpdateOutcome.Accepted)
        seen.count { it.startsWith("validate") } shouldBe 1
    }

    test("an inbound interceptor that does not pass init on fails the workflow task with a clear message") {
        val broken = object : WorkerInterceptor {
            override fun interceptWorkflow(next: WorkflowInboundInterceptor) = object : WorkflowInboundInterceptor(next) {
                override fun init(outbound: WorkflowOutboundInterceptor) = Unit
            }
        }
        val h = WorkflowHarness(TracedGreeterWorkflow::class, listOf("Ada"), interceptors = listOf(broken))
        h.failed(h.initialize).failure.message shouldStartWith
            "A workflow inbound interceptor did not pass init() on to the next interceptor; call super.init(outbound)"
    }
})
