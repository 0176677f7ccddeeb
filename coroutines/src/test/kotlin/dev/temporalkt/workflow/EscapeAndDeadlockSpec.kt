@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.EvictionReason
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.CoroutineDispatcher
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CountDownLatch
import kotlin.coroutines.CoroutineContext
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlin.coroutines.resume
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@Workflow
class SleepingWorkflow {
    @WorkflowRun
    suspend fun run() {
        Thread.sleep(5_000)
    }
}

@Workflow
class SpinningWorkflow {
    @WorkflowRun
    suspend fun run() {
        // A busy loop that never yields; it stops by itself once the detector has long given up on it.
        val until = System.nanoTime() + 3_000_000_000L
        var spins = 0L
        while (System.nanoTime() < until) spins++
    }
}

@Workflow
class IoEscapeWorkflow {
    @WorkflowRun
    suspend fun run() {
        withContext(Dispatchers.IO) {
            try {
                Workflow.now()
            } catch (e: IllegalStateException) {
                caught.complete(e)
            }
        }
    }

    companion object {
        var caught = CompletableDeferred<IllegalStateException>()
    }
}

@Workflow
class GlobalScopeEscapeWorkflow {
    @OptIn(DelicateCoroutinesApi::class)
    @WorkflowRun
    suspend fun run() {
        GlobalScope.launch {
            try {
                Workflow.random()
            } catch (e: IllegalStateException) {
                caught.complete(e)
            }
        }
    }

    companion object {
        var caught = CompletableDeferred<IllegalStateException>()
    }
}

@Workflow
class ForeignResumeWorkflow {
    @WorkflowRun
    suspend fun run() {
        // Hands the continuation to a callback registry that another thread completes later.
        suspendCancellableCoroutine { continuation -> pending = continuation }
    }

    companion object {
        @Volatile
        var pending: CancellableContinuation<Unit>? = null
    }
}

@Workflow
class BlockedWorkflow {
    @WorkflowRun
    suspend fun run() {
        release.await()
        try {
            delay(1.hours)
        } finally {
            cleanedUp.countDown()
        }
    }

    companion object {
        val release = CountDownLatch(1)
        val cleanedUp = CountDownLatch(1)
    }
}

@Workflow
class RunBlockingWorkflow {
    @WorkflowRun
    suspend fun run(): String = try {
        runBlocking { Workflow.waitCondition { true } }
        "waited"
    } catch (e: IllegalStateException) {
        e.message!!
    }
}

/** Runs each block on a new thread named `joining-dispatcher` and waits for it before `dispatch` returns. */
object JoiningDispatcher : CoroutineDispatcher() {
    override fun dispatch(context: CoroutineContext, block: Runnable) {
        thread(name = "joining-dispatcher") { block.run() }.join()
    }

    override fun toString(): String = "JoiningDispatcher"
}

/** Keeps every block it is given until the test runs it. */
class HeldDispatcher : CoroutineDispatcher() {
    val held = ConcurrentLinkedQueue<Runnable>()

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        held.add(block)
    }

    override fun toString(): String = "HeldDispatcher"
}

@Workflow
class QuickForeignBlockWorkflow {
    /** The foreign block has returned before withContext could suspend, so the workflow coroutine never left the loop thread. */
    @WorkflowRun
    suspend fun run(): Int {
        val answer = withContext(JoiningDispatcher) { 42 }
        Workflow.sleep(answer.seconds)
        return answer
    }
}

@Workflow
class PendingForeignBlockWorkflow {
    @WorkflowRun
    suspend fun run(): String = withContext(dispatcher) { "from the other dispatcher" }

    companion object {
        val dispatcher = HeldDispatcher()
    }
}

class EscapeAndDeadlockSpec : FunSpec({
    val guidance = "Workflow code must run only on the workflow's own deterministic dispatcher: do not switch to " +
        "Dispatchers.IO or Dispatchers.Default with withContext, do not use GlobalScope or runBlocking, and do not " +
        "start threads or callbacks that call back into the workflow. Run I/O and other non-deterministic work in an " +
        "activity (Workflow.executeActivity) and use coroutineScope/launch/async for concurrency inside the workflow."

    test("withContext to another dispatcher whose block returns at once fails the activation in which it ran") {
        val h = WorkflowHarness(QuickForeignBlockWorkflow::class)
        h.failed(h.initialize).failure.message shouldBe "A coroutine of workflow QuickForeignBlockWorkflow (id 'wf-1') " +
            "ran on thread 'joining-dispatcher' (dispatcher JoiningDispatcher), outside the workflow's dispatcher. " + guidance
        // The run stays failed until it is evicted.
        h.failed(ActivationJob.FireTimer(1)).failure.message shouldStartWith
            "A coroutine of workflow QuickForeignBlockWorkflow (id 'wf-1') ran on thread 'joining-dispatcher'"
        h.activate(ActivationJob.RemoveFromCache("escape", EvictionReason.LANG_FAIL)) shouldBe
            WorkflowActivationCompletion.Successful("run-1", emptyList())
    }

    test("withContext to another dispatcher that has not run the block yet fails the activation in which it was called") {
        val h = WorkflowHarness(PendingForeignBlockWorkflow::class)
        h.failed(h.initialize).failure.message shouldBe "A coroutine of workflow PendingForeignBlockWorkflow (id 'wf-1') " +
            "switched to HeldDispatcher, outside the workflow's dispatcher. " + guidance
        PendingForeignBlockWorkflow.dispatcher.held.size shouldBe 1
        h.activate(ActivationJob.RemoveFromCache("escape", EvictionReason.LANG_FAIL)) shouldBe
            WorkflowActivationCompletion.Successful("run-1", emptyList())
        // The block, run late on this thread, cannot bring the evicted run back.
        PendingForeignBlockWorkflow.dispatcher.held.poll()!!.run()
    }

    test("withContext(Dispatchers.IO) fails the activation in which it was called, whichever detection comes first") {
        val h = WorkflowHarness(IoEscapeWorkflow::class)
        IoEscapeWorkflow.caught = CompletableDeferred()
        val message = h.failed(h.initialize).failure.message
        message shouldContain "A coroutine of workflow IoEscapeWorkflow (id 'wf-1') "
        message shouldContain "Dispatchers.IO"
        message shouldContain "outside the workflow's dispatcher. $guidance"
    }

    test("a suspending workflow API inside runBlocking on the workflow thread is refused") {
        val h = WorkflowHarness(RunBlockingWorkflow::class)
        val result = h.start().single() as dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
        (h.payloadConverter.fromPayload(result.result!!, kotlin.reflect.typeOf<String>()) as String) shouldStartWith
            "Workflow.waitCondition was called outside a workflow's dispatcher (on thread 'temporal-workflow-"
    }

    test("a run evicted while its thread is still blocked is torn down when the thread returns") {
        val h = WorkflowHarness(BlockedWorkflow::class, deadlockTimeout = 100.milliseconds)
        h.failed(h.initialize).failure.message shouldContain "BlockedWorkflow.run"
        h.activate(ActivationJob.RemoveFromCache("deadlock", EvictionReason.FATAL)) shouldBe
            WorkflowActivationCompletion.Successful("run-1", emptyList())
        BlockedWorkflow.cleanedUp.count shouldBe 1
        BlockedWorkflow.release.countDown()
        BlockedWorkflow.cleanedUp.await(10, TimeUnit.SECONDS) shouldBe true
    }

    test("a busy loop that uses the deadlock timeout's worth of CPU without yielding is a deadlock too") {
        val h = WorkflowHarness(SpinningWorkflow::class, deadlockTimeout = 100.milliseconds)
        val failed = h.failed(h.initialize)
        failed.failure.message shouldStartWith "Potential deadlock detected: workflow SpinningWorkflow (id 'wf-1') " +
            "ran for more than 100ms without yielding in one workflow task."
        failed.failure.message shouldContain "SpinningWorkflow.run"
    }

    test("workflow code blocking its thread longer than the deadlock timeout fails the task with the stuck stack") {
        val h = WorkflowHarness(SleepingWorkflow::class, deadlockTimeout = 100.milliseconds)
        val failed = h.failed(h.initialize)
        failed.failure.message shouldStartWith "Potential deadlock detected: workflow SleepingWorkflow (id 'wf-1') " +
            "ran for more than 100ms without yielding in one workflow task."
        failed.failure.message shouldContain "no Thread.sleep, blocking I/O"
        failed.failure.message shouldContain "Stack of the blocked thread 'temporal-workflow-"
        failed.failure.message shouldContain "java.lang.Thread.sleep(Native Method)"
        failed.failure.message shouldContain "SleepingWorkflow.run"
        failed.failure.stackTrace shouldContain "SleepingWorkflow.run"
        failed.failure.message shouldNotContain "WorkflowDispatcher.runUntilQuiescent"
        // The run cannot be used any more until evicted.
        h.failed(ActivationJob.FireTimer(1)).failure.message shouldStartWith "Potential deadlock detected"
        h.activate(ActivationJob.RemoveFromCache("evict", EvictionReason.FATAL)) shouldBe
            WorkflowActivationCompletion.Successful("run-1", emptyList())
    }

    test("a workflow API call after withContext(Dispatchers.IO) throws an explanation") {
        IoEscapeWorkflow.caught = CompletableDeferred()
        val h = WorkflowHarness(IoEscapeWorkflow::class)
        h.activate(h.initialize)
        val e = runBlocking { withTimeout(10.seconds) { IoEscapeWorkflow.caught.await() } }
        e.message shouldStartWith "Workflow.now() was called outside a workflow's dispatcher (on thread 'DefaultDispatcher-worker-"
        e.message shouldContain "do not switch to Dispatchers.IO or Dispatchers.Default with withContext"
        e.message shouldContain "Run I/O and other non-deterministic work in an activity"
    }

    test("a workflow API call in GlobalScope throws an explanation") {
        GlobalScopeEscapeWorkflow.caught = CompletableDeferred()
        val h = WorkflowHarness(GlobalScopeEscapeWorkflow::class)
        h.activate(h.initialize)
        val e = runBlocking { withTimeout(10.seconds) { GlobalScopeEscapeWorkflow.caught.await() } }
        e.message shouldStartWith "Workflow.random() was called outside a workflow's dispatcher"
        e.message shouldContain "do not use GlobalScope or runBlocking"
    }

    test("a workflow coroutine resumed on a foreign thread fails the next workflow task") {
        val h = WorkflowHarness(ForeignResumeWorkflow::class)
        h.start() shouldBe emptyList()
        val callback = thread(name = "rogue-callback") { ForeignResumeWorkflow.pending!!.resume(Unit) }
        callback.join()
        val failed = h.failed(ActivationJob.SignalWorkflow("anything", WorkflowHarness.NO_ARGS))
        failed.failure.message shouldBe "A coroutine of workflow ForeignResumeWorkflow (id 'wf-1') was resumed on " +
            "thread 'rogue-callback', outside the workflow's dispatcher. Workflow code must run only on the " +
            "workflow's own deterministic dispatcher: do not switch to Dispatchers.IO or Dispatchers.Default with " +
            "withContext, do not use GlobalScope or runBlocking, and do not start threads or callbacks that call back " +
            "into the workflow. Run I/O and other non-deterministic work in an activity (Workflow.executeActivity) " +
            "and use coroutineScope/launch/async for concurrency inside the workflow."
    }
})
