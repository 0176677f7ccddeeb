@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.EvictionReason
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import dev.temporalkt.worker.internal.threads.WorkerThreads
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@Workflow
class ThreeTimersWorkflow {
    @WorkflowRun
    suspend fun run(): Int {
        repeat(3) { Workflow.sleep((it + 1).seconds) }
        return 3
    }
}

@Workflow
class BlocksAfterTimerWorkflow {
    @WorkflowRun
    suspend fun run() {
        Workflow.sleep(1.seconds)
        release.await()
        returned.countDown()
    }

    companion object {
        @Volatile
        var release = CountDownLatch(1)
            private set

        @Volatile
        var returned = CountDownLatch(1)
            private set

        /** New latches, for a test of its own. */
        fun reset() {
            release = CountDownLatch(1)
            returned = CountDownLatch(1)
        }
    }
}

/** What [applyAllSuspending] saw: the completions, the threads that handled them, and the caller's thread before and after. */
private class SuspendingRun(val completions: List<WorkflowActivationCompletion>, val threads: Set<Thread>, val callerBefore: Thread, val callerAfter: Thread)

/** Runs [activations] through `activateAllSuspending` from a coroutine of the workers' threads (or of [context]). */
private fun WorkflowHarness.applyAllSuspending(
    activations: List<WorkflowActivation>,
    context: kotlin.coroutines.CoroutineContext = WorkerThreads.dispatcher,
    onCompleted: (WorkflowActivationCompletion) -> Unit = {},
): SuspendingRun = runBlocking(context) {
    val remaining = ArrayDeque(activations.drop(1))
    val completions = ArrayList<WorkflowActivationCompletion>()
    val threads = HashSet<Thread>()
    val before = Thread.currentThread()
    instance.activateAllSuspending(activations.first(), { threads += Thread.currentThread(); remaining.removeFirstOrNull() }) {
        threads += Thread.currentThread()
        completions += it
        onCompleted(it)
    }
    SuspendingRun(completions, threads, before, Thread.currentThread())
}

private fun WorkflowHarness.activation(vararg jobs: ActivationJob) =
    WorkflowActivation(runId = "run-1", timestamp = time, isReplaying = true, historyLength = 3, jobs = jobs.toList())

/** Runs [activations] through `activateAll` and returns the completions with the threads that handled them. */
private fun WorkflowHarness.applyAll(activations: List<WorkflowActivation>, onCompleted: (WorkflowActivationCompletion) -> Unit = {}): Pair<List<WorkflowActivationCompletion>, Set<String>> {
    val remaining = ArrayDeque(activations.drop(1))
    val completions = ArrayList<WorkflowActivationCompletion>()
    val threads = HashSet<String>()
    instance.activateAll(activations.first(), { threads += Thread.currentThread().name; remaining.removeFirstOrNull() }) {
        threads += Thread.currentThread().name
        completions += it
        onCompleted(it)
    }
    return completions to threads
}

/**
 * Checks the completions of initialize, two timers and an eviction for [BlocksAfterTimerWorkflow]: the blocked
 * activation and the next fail as a potential deadlock, the eviction succeeds, and the blocked thread, released,
 * hands nothing more over.
 */
private fun checkDeadlockSequence(completions: List<WorkflowActivationCompletion>) {
    completions.size shouldBe 4
    (completions[0] as WorkflowActivationCompletion.Successful).commands shouldContainExactly
        listOf(WorkflowCommand.StartTimer(1, 1.seconds))
    completions[1].shouldBeInstanceOf<WorkflowActivationCompletion.Failed>().failure.message shouldStartWith
        "Potential deadlock detected: workflow BlocksAfterTimerWorkflow (id 'wf-1') ran for more than 100ms without " +
        "yielding in one workflow task."
    completions[2].shouldBeInstanceOf<WorkflowActivationCompletion.Failed>().failure.message shouldStartWith
        "Potential deadlock detected"
    completions[3] shouldBe WorkflowActivationCompletion.Successful("run-1", emptyList())
    BlocksAfterTimerWorkflow.release.countDown()
    BlocksAfterTimerWorkflow.returned.await(10, TimeUnit.SECONDS) shouldBe true
    completions.size shouldBe 4
}

class ActivationSequenceSpec : FunSpec({
    test("a sequence of activations is applied on the loop thread in one hand-off, with the commands of one at a time") {
        val h = WorkflowHarness(ThreeTimersWorkflow::class)
        val (completions, threads) = h.applyAll(
            listOf(
                h.activation(h.initialize),
                h.activation(ActivationJob.FireTimer(1)),
                h.activation(ActivationJob.FireTimer(2)),
            ),
        )
        completions.map { (it as WorkflowActivationCompletion.Successful).commands } shouldBe listOf(
            listOf(WorkflowCommand.StartTimer(1, 1.seconds)),
            listOf(WorkflowCommand.StartTimer(2, 2.seconds)),
            listOf(WorkflowCommand.StartTimer(3, 3.seconds)),
        )
        // the engine's side (next, completed) ran on the loop thread too, not on the caller's
        threads.size shouldBe 1
        threads.single() shouldStartWith "temporal-workflow-"
        // the run goes on one activation at a time afterwards
        val close = h.commands(ActivationJob.FireTimer(3)).single().shouldBeInstanceOf<WorkflowCommand.CompleteWorkflowExecution>()
        h.payloadConverter.fromPayload(close.result!!, kotlin.reflect.typeOf<Int>()) shouldBe 3
    }

    test("an activation of a sequence that misses the deadlock timeout fails, the rest is refused, and eviction still works") {
        BlocksAfterTimerWorkflow.reset()
        val h = WorkflowHarness(BlocksAfterTimerWorkflow::class, deadlockTimeout = 100.milliseconds)
        val (completions, _) = h.applyAll(
            listOf(
                h.activation(h.initialize),
                h.activation(ActivationJob.FireTimer(1)),
                h.activation(ActivationJob.FireTimer(2)),
                h.activation(ActivationJob.RemoveFromCache("deadlock", EvictionReason.FATAL)),
            ),
        )
        checkDeadlockSequence(completions)
    }

    test("from a worker thread, a sequence runs on the caller's own thread, which goes on with the outcome") {
        val h = WorkflowHarness(ThreeTimersWorkflow::class)
        val run = h.applyAllSuspending(
            listOf(h.activation(h.initialize), h.activation(ActivationJob.FireTimer(1)), h.activation(ActivationJob.FireTimer(2))),
        )
        run.completions.map { (it as WorkflowActivationCompletion.Successful).commands } shouldBe listOf(
            listOf(WorkflowCommand.StartTimer(1, 1.seconds)),
            listOf(WorkflowCommand.StartTimer(2, 2.seconds)),
            listOf(WorkflowCommand.StartTimer(3, 3.seconds)),
        )
        run.callerBefore.name shouldStartWith "temporal-worker-"
        run.threads shouldBe setOf(run.callerBefore)
        run.callerAfter shouldBe run.callerBefore
        val close = h.commands(ActivationJob.FireTimer(3)).single().shouldBeInstanceOf<WorkflowCommand.CompleteWorkflowExecution>()
        h.payloadConverter.fromPayload(close.result!!, kotlin.reflect.typeOf<Int>()) shouldBe 3
    }

    test("from any other thread, a sequence runs on a loop thread") {
        val h = WorkflowHarness(ThreeTimersWorkflow::class)
        val run = h.applyAllSuspending(listOf(h.activation(h.initialize), h.activation(ActivationJob.FireTimer(1))), context = kotlin.coroutines.EmptyCoroutineContext)
        run.completions.size shouldBe 2
        run.threads.single().name shouldStartWith "temporal-workflow-"
    }

    test("on the caller's thread, an activation that misses the deadlock timeout fails through the watchdog, the rest is refused, and eviction still works") {
        BlocksAfterTimerWorkflow.reset()
        val h = WorkflowHarness(BlocksAfterTimerWorkflow::class, deadlockTimeout = 100.milliseconds)
        val run = h.applyAllSuspending(
            listOf(
                h.activation(h.initialize),
                h.activation(ActivationJob.FireTimer(1)),
                h.activation(ActivationJob.FireTimer(2)),
                h.activation(ActivationJob.RemoveFromCache("deadlock", EvictionReason.FATAL)),
            ),
        )
        // the blocked thread is the caller's; another worker thread went on with the task
        run.completions[1].shouldBeInstanceOf<WorkflowActivationCompletion.Failed>().failure.message!! shouldContain
            "Stack of the blocked thread '${run.callerBefore.name.substringBefore(" @")}"
        run.callerAfter shouldNotBe run.callerBefore
        run.callerAfter.name shouldStartWith "temporal-worker-"
        checkDeadlockSequence(run.completions)
    }

    val ways = listOf<Pair<String, WorkflowHarness.(List<WorkflowActivation>, (WorkflowActivationCompletion) -> Unit) -> Unit>>(
        "in one hand-off to the loop thread" to { activations, onCompleted -> applyAll(activations, onCompleted) },
        "on the caller's thread" to { activations, onCompleted -> applyAllSuspending(activations, onCompleted = onCompleted) },
    )
    for ((way, apply) in ways) {
        test("$way, an exception thrown by the completion callback ends the sequence and reaches the caller as it is") {
            val h = WorkflowHarness(ThreeTimersWorkflow::class)
            val thrown = shouldThrow<IllegalStateException> {
                h.apply(listOf(h.activation(h.initialize), h.activation(ActivationJob.FireTimer(1)))) {
                    throw IllegalStateException("the engine refused the commands")
                }
            }
            thrown.message shouldBe "the engine refused the commands"
            h.activate(ActivationJob.RemoveFromCache("failed", EvictionReason.NONDETERMINISM)) shouldBe
                WorkflowActivationCompletion.Successful("run-1", emptyList())
        }
    }
})
