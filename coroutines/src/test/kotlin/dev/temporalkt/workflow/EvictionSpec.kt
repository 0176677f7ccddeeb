@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.EvictionReason
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand.ScheduleActivity
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Catches every exception around its sleep and sleeps again: only an error it does not catch stops it. */
@Workflow
class StubbornSleeperWorkflow {
    @WorkflowRun
    suspend fun run() {
        while (true) {
            try {
                Workflow.sleep(1.hours)
            } catch (e: Exception) {
                swallowed.incrementAndGet()
            }
        }
    }

    companion object {
        val swallowed = AtomicInteger()
    }
}

/** The same with kotlinx `delay`, a condition and an activity as what it waits for. */
@Workflow
class StubbornWaiterWorkflow {
    @WorkflowRun
    suspend fun run(kind: String) {
        while (true) {
            try {
                when (kind) {
                    "delay" -> delay(1.hours)
                    "condition" -> Workflow.waitCondition { false }
                    else -> Workflow.executeActivity(
                        PaymentActivities::charge, Order("o", 1), options = ActivityOptions(startToCloseTimeout = 1.seconds),
                    )
                }
            } catch (e: Exception) {
                StubbornSleeperWorkflow.swallowed.incrementAndGet()
            }
        }
    }
}

/** Cleans up after its sleep, trying to start an activity while torn down. */
@Workflow
class CleanupWorkflow {
    @WorkflowRun
    suspend fun run() {
        try {
            Workflow.sleep(1.hours)
        } finally {
            withContext(NonCancellable) {
                try {
                    Workflow.startActivity(PaymentActivities::charge, Order("o", 1), options = ActivityOptions(startToCloseTimeout = 1.seconds))
                } catch (t: Throwable) {
                    seen = t
                }
            }
        }
    }

    companion object {
        @Volatile
        var seen: Throwable? = null
    }
}

/** Swallows every throwable around its sleep, the eviction error included: only the test can stop it. */
@Workflow
class UnstoppableWorkflow {
    @WorkflowRun
    suspend fun run() {
        while (!stop) {
            try {
                Workflow.sleep(1.hours)
            } catch (t: Throwable) {
                // swallowed
            }
        }
    }

    companion object {
        @Volatile
        var stop = false
    }
}

/** Blocks its thread in the run function until the test releases it. */
@Workflow
class HeldWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        entered.countDown()
        release.await(30, TimeUnit.SECONDS)
        return "released"
    }

    companion object {
        val entered = CountDownLatch(1)
        val release = CountDownLatch(1)
    }
}

private val evict = ActivationJob.RemoveFromCache("cache full", EvictionReason.CACHE_FULL)

private fun stderrDuring(block: () -> Unit): String {
    val original = System.err
    val buffer = ByteArrayOutputStream()
    System.setErr(PrintStream(buffer, true, Charsets.UTF_8))
    try {
        block()
    } finally {
        System.setErr(original)
    }
    return buffer.toString(Charsets.UTF_8)
}

/** Returns at once. */
@Workflow
class EndsAtOnceWorkflow {
    @WorkflowRun
    suspend fun run(): String = "done"
}

class EvictionSpec : FunSpec({
    test("a run whose code has ended is let go without an eviction, once") {
        val h = WorkflowHarness(EndsAtOnceWorkflow::class)
        h.start().single().shouldBeInstanceOf<dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution>()
        h.instance.releaseIfFinished() shouldBe true
        // let go: it is evicted now, and a second call finds nothing more to release
        h.instance.evicting shouldBe true
        h.instance.releaseIfFinished() shouldBe false
    }

    for (kind in listOf("delay", "condition", "activity")) {
        test("a run waiting on a $kind is not let go without its eviction, which then ends it") {
            StubbornSleeperWorkflow.swallowed.set(0)
            val h = WorkflowHarness(StubbornWaiterWorkflow::class, listOf(kind))
            h.start()
            h.instance.releaseIfFinished() shouldBe false
            h.instance.evicting shouldBe false
            h.activate(evict) shouldBe WorkflowActivationCompletion.Successful("run-1", emptyList())
            StubbornSleeperWorkflow.swallowed.get() shouldBe 0
        }
    }

    test("a run none of whose code has started has nothing to stop and is let go too") {
        WorkflowHarness(EndsAtOnceWorkflow::class).instance.releaseIfFinished() shouldBe true
    }

    test("a run that swallows every Exception around its sleep ends when evicted") {
        StubbornSleeperWorkflow.swallowed.set(0)
        val h = WorkflowHarness(StubbornSleeperWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.hours))
        h.activate(evict) shouldBe WorkflowActivationCompletion.Successful("run-1", emptyList())
        StubbornSleeperWorkflow.swallowed.get() shouldBe 0
    }

    for (kind in listOf("delay", "condition", "activity")) {
        test("a run that swallows every Exception around an awaited $kind ends when evicted") {
            StubbornSleeperWorkflow.swallowed.set(0)
            val h = WorkflowHarness(StubbornWaiterWorkflow::class, listOf(kind))
            h.start()
            h.activate(evict) shouldBe WorkflowActivationCompletion.Successful("run-1", emptyList())
            StubbornSleeperWorkflow.swallowed.get() shouldBe 0
        }
    }

    test("cleanup code runs while the run is torn down, but what it starts throws WorkflowEvictedError and nothing is sent") {
        CleanupWorkflow.seen = null
        val h = WorkflowHarness(CleanupWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.hours))
        h.activate(evict) shouldBe WorkflowActivationCompletion.Successful("run-1", emptyList())
        val seen = CleanupWorkflow.seen.shouldBeInstanceOf<WorkflowEvictedError>()
        seen.message shouldContain "Workflow.startActivity cannot be used: workflow CleanupWorkflow (id 'wf-1') is being removed"
        // an Error, which `catch (e: Exception)` lets through
        seen.shouldBeInstanceOf<Error>()
    }

    test("a run whose code does not stop is reported once with its stack, and the eviction returns") {
        UnstoppableWorkflow.stop = false
        val h = WorkflowHarness(UnstoppableWorkflow::class, deadlockTimeout = 200.milliseconds)
        h.start() shouldBe listOf(StartTimer(1, 1.hours))
        try {
            val log = stderrDuring {
                val failed = h.activate(evict).shouldBeInstanceOf<WorkflowActivationCompletion.Failed>()
                failed.failure.message shouldContain "did not stop within 200ms of being removed from the worker's cache"
                failed.failure.message shouldContain "UnstoppableWorkflow.run"
            }
            log.lines().count { it.contains("did not stop within") } shouldBe 1
            log shouldContain "UnstoppableWorkflow.run"
        } finally {
            UnstoppableWorkflow.stop = true
        }
    }

    test("a run refuses a second activation while one is still being applied") {
        val h = WorkflowHarness(HeldWorkflow::class, deadlockTimeout = null)
        val executor = Executors.newSingleThreadExecutor()
        try {
            val first = executor.submit<WorkflowActivationCompletion> { h.activate(h.initialize) }
            HeldWorkflow.entered.await(10, TimeUnit.SECONDS) shouldBe true
            val second = h.activate(h.signal("anything")).shouldBeInstanceOf<WorkflowActivationCompletion.Failed>()
            second.failure.message shouldContain "was given an activation while another one is still being applied on another thread"
            HeldWorkflow.release.countDown()
            first.get(10, TimeUnit.SECONDS).shouldBeInstanceOf<WorkflowActivationCompletion.Successful>().commands.single()
                .shouldBeInstanceOf<dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution>()
        } finally {
            HeldWorkflow.release.countDown()
            executor.shutdownNow()
        }
    }

    test("an activity scheduled before the eviction is not resent, and the activity's await ends with the error") {
        StubbornSleeperWorkflow.swallowed.set(0)
        val h = WorkflowHarness(StubbornWaiterWorkflow::class, listOf("activity"))
        h.start().single().shouldBeInstanceOf<ScheduleActivity>()
        h.activate(evict) shouldBe WorkflowActivationCompletion.Successful("run-1", emptyList())
        StubbornSleeperWorkflow.swallowed.get() shouldBe 0
    }
})
