@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.ActivationJob.FireTimer
import dev.temporalkt.worker.activation.WorkflowCommand.CancelTimer
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.selects.select
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

@Workflow
class TimerOrderWorkflow {
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> = coroutineScope {
        launch { delay(10.seconds); log += "slow" }
        launch { delay(5.seconds); log += "fast" }
        launch { log += "immediate" }
        log += "main"
        log
    }.let { log }
}

@Workflow
class ConditionOrderWorkflow {
    private val log = mutableListOf<String>()
    private var value = 0

    @WorkflowRun
    suspend fun run(): List<String> {
        coroutineScope {
            launch { Workflow.waitCondition { value >= 2 }; log += "second>=2" }
            launch { Workflow.waitCondition { value >= 1 }; log += "first>=1"; value += 10 }
            launch { Workflow.waitCondition { value >= 3 }; log += "third>=3" }
            launch { Workflow.waitCondition { value >= 11 }; log += "fourth>=11" }
        }
        return log
    }

    @Signal
    fun set(v: Int) {
        log += "signal $v"
        value = v
    }
}

@Workflow
class SignalBeforeTimerWorkflow {
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        delay(1.minutes)
        log += "timer fired"
        return log
    }

    @Signal
    suspend fun note(text: String) {
        log += "signal $text"
        yield()
        log += "signal $text after yield"
    }
}

@Workflow
class RaceWorkflow {
    @WorkflowRun
    suspend fun run(): String = coroutineScope {
        val a = async { delay(30.seconds); "a" }
        val b = async { delay(20.seconds); "b" }
        val winner = select { a.onAwait { it }; b.onAwait { it } }
        a.cancel()
        b.cancel()
        winner
    }
}

@Workflow
class TimeoutWorkflow {
    private var ready = false

    @WorkflowRun
    suspend fun run(): List<Boolean> {
        val first = withTimeoutOrNull(1.minutes) { Workflow.waitCondition { ready }; true } ?: false
        val second = Workflow.waitCondition(2.minutes) { false }
        return listOf(first, second)
    }

    @Signal
    fun ready() {
        ready = true
    }
}

@Workflow
class ParallelWorkflow {
    private val lock = Mutex()
    private val log = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> = coroutineScope {
        (1..3).map { i ->
            async {
                lock.withLock {
                    log += "enter $i"
                    delay(i.seconds)
                    log += "leave $i"
                }
                i
            }
        }.awaitAll()
        log
    }
}

class DispatcherOrderSpec : FunSpec({
    test("delays become timers in the order they start and resume in FireTimer order; launched coroutines run FIFO") {
        val h = WorkflowHarness(TimerOrderWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 10.seconds), StartTimer(2, 5.seconds))
        h.commands(FireTimer(2), FireTimer(1)) shouldBe listOf(
            CompleteWorkflowExecution(h.payload(listOf("main", "immediate", "fast", "slow"))),
        )
    }

    test("waitCondition predicates are re-checked in registration order after the ready queue drains") {
        val h = WorkflowHarness(ConditionOrderWorkflow::class)
        h.start() shouldBe emptyList()
        // value 3 satisfies the first three waiters in one pass, resumed in registration order; the fourth only
        // becomes true after "first>=1" has run, at the next pass.
        h.commands(h.signal("set", h.payload(3))) shouldBe listOf(
            CompleteWorkflowExecution(
                h.payload(listOf("signal 3", "second>=2", "first>=1", "third>=3", "fourth>=11")),
            ),
        )
    }

    test("signal handlers run before a resolution delivered in the same activation resumes the main routine") {
        val h = WorkflowHarness(SignalBeforeTimerWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.minutes))
        // FireTimer comes first in history; the signal's handler runs to quiescence (past its yield()) before
        // the timer resolution is even applied.
        h.commands(FireTimer(1), h.signal("note", h.payload("x"))) shouldBe listOf(
            CompleteWorkflowExecution(h.payload(listOf("signal x", "signal x after yield", "timer fired"))),
        )
    }

    test("two racing coroutines: the first timer to fire wins and the loser's timer is cancelled") {
        val h = WorkflowHarness(RaceWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 30.seconds), StartTimer(2, 20.seconds))
        h.commands(FireTimer(2)) shouldBe listOf(CancelTimer(1), CompleteWorkflowExecution(h.payload("b")))
    }

    test("a condition met before its timeout cancels the timer; waitCondition with a timeout returns false when it fires") {
        val h = WorkflowHarness(TimeoutWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.minutes))
        h.commands(h.signal("ready")) shouldBe listOf(CancelTimer(1), StartTimer(2, 2.minutes))
        h.commands(FireTimer(2)) shouldBe listOf(CompleteWorkflowExecution(h.payload(listOf(true, false))))
    }

    test("async/awaitAll with a Mutex serializes critical sections deterministically") {
        val h = WorkflowHarness(ParallelWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.seconds))
        h.commands(FireTimer(1)) shouldBe listOf(StartTimer(2, 2.seconds))
        h.commands(FireTimer(2)) shouldBe listOf(StartTimer(3, 3.seconds))
        h.commands(FireTimer(3)) shouldBe listOf(
            CompleteWorkflowExecution(
                h.payload(listOf("enter 1", "leave 1", "enter 2", "leave 2", "enter 3", "leave 3")),
            ),
        )
    }
})
