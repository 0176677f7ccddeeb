package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.signal
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowInit
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.reflect.typeOf

@Workflow(name = "E2eGuestBook")
class GuestBookWorkflow @WorkflowInit constructor(owner: String) {
    private val log = mutableListOf("init for $owner")

    init {
        // Holds the first workflow task open (briefly, well within the deadlock timeout) until the test has sent
        // more signals, so that they arrive while the task is in flight.
        gate?.let { g ->
            g.entered.countDown()
            g.release.await(1, TimeUnit.SECONDS)
        }
    }

    @WorkflowRun
    suspend fun run(owner: String): List<String> {
        log += "run"
        Workflow.waitCondition { log.count { it.startsWith("signed") } == 3 }
        return log.toList()
    }

    @Signal
    fun sign(guest: String) {
        log += "signed by $guest"
    }

    /** A rendezvous between the test and the first run of the workflow object. */
    class Gate {
        val entered: CountDownLatch = CountDownLatch(1)
        val release: CountDownLatch = CountDownLatch(1)
    }

    companion object {
        @Volatile
        var gate: Gate? = null
    }
}

/** Signal-with-start: the start signal's handler runs first, and signals during an in-flight task are kept. */
class SignalWithStartSpec : FunSpec({
    val workflows = listOf(GuestBookWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: the start signal is handled before the run function; signals sent meanwhile are not lost") {
            val gate = GuestBookWorkflow.Gate()
            GuestBookWorkflow.gate = gate
            try {
                server.withWorker(workflows) {
                    // No need to hold the embedded server's clock: the workflow task is outstanding meanwhile.
                    val handle = client.signalWithStart<List<String>>(
                        "E2eGuestBook", listOf("Ada"), typeOf<List<String>>(), options("guestbook"), "sign", listOf("Grace"),
                    )
                    withContext(Dispatchers.IO) { gate.entered.await(30, TimeUnit.SECONDS) } shouldBe true
                    handle.signal("sign", "Linus")
                    handle.signal("sign", "Barbara")
                    gate.release.countDown()
                    handle.result() shouldBe listOf(
                        "init for Ada",
                        "signed by Grace",
                        "run",
                        "signed by Linus",
                        "signed by Barbara",
                    )
                    val types = eventTypes(handle)
                    types.count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 3
                    types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                    GuestBookWorkflow.gate = null
                    replay(handle)
                }
            } finally {
                GuestBookWorkflow.gate = null
            }
        }
    }
})
