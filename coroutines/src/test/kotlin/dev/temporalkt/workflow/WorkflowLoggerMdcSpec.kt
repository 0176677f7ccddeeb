@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.slf4j.MDC
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds

/**
 * A log argument that notes the MDC of the thread at the moment the logger formats the message, i.e. while the log
 * call runs (slf4j-simple formats on the calling thread; the tests' SLF4J provider keeps the MDC).
 */
class MdcProbe {
    val seen = CopyOnWriteArrayList<Map<String, String>>()

    override fun toString(): String {
        seen += MDC.getCopyOfContextMap().orEmpty()
        return "probe"
    }
}

@Workflow
class MdcLoggingWorkflow {
    @WorkflowRun
    suspend fun run() {
        Workflow.logger.info("starting with {}", probe)
        afterCall += MDC.getCopyOfContextMap().orEmpty()
        Workflow.sleep(1.seconds)
        Workflow.logger.warn("after the timer with {}", probe)
    }

    companion object {
        var probe = MdcProbe()
        val afterCall = CopyOnWriteArrayList<Map<String, String>>()
    }
}

class WorkflowLoggerMdcSpec : FunSpec({
    test("the tests' SLF4J provider keeps MDC entries, so the assertions below can see them") {
        MDC.getMDCAdapter()::class.simpleName shouldBe "BasicMDCAdapter"
    }

    val runMdc = mapOf(
        "temporalWorkflowId" to "wf-1",
        "temporalRunId" to "run-1",
        "temporalWorkflowType" to "MdcLoggingWorkflow",
        "temporalTaskQueue" to "tq",
        "temporalNamespace" to "ns",
        "temporalAttempt" to "1",
    )

    test("each Workflow.logger call runs with the run's identity in the MDC, removed again after the call") {
        MdcLoggingWorkflow.probe = MdcProbe()
        MdcLoggingWorkflow.afterCall.clear()
        val h = WorkflowHarness(MdcLoggingWorkflow::class)
        h.start()
        MdcLoggingWorkflow.probe.seen shouldBe listOf(runMdc)
        MdcLoggingWorkflow.afterCall shouldBe listOf(emptyMap())
        h.commands(dev.temporalkt.worker.activation.ActivationJob.FireTimer(1))
        MdcLoggingWorkflow.probe.seen shouldBe listOf(runMdc, runMdc)
    }

    test("while the run replays Workflow.logger does not log (the message is never formatted); new work logs again") {
        MdcLoggingWorkflow.probe = MdcProbe()
        val h = WorkflowHarness(MdcLoggingWorkflow::class)
        h.replaying = true
        h.start()
        MdcLoggingWorkflow.probe.seen shouldBe emptyList()
        h.replaying = false
        h.commands(dev.temporalkt.worker.activation.ActivationJob.FireTimer(1))
        MdcLoggingWorkflow.probe.seen shouldBe listOf(runMdc)
    }
})
