package dev.temporalkt.workflow.internal

import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.CancellableContinuation
import kotlin.coroutines.resume
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** Records timer requests instead of emitting commands. */
private class RecordingTimers : DurableTimers {
    val events = mutableListOf<String>()
    val pending = linkedMapOf<Int, () -> Unit>()
    private var seq = 0

    override fun startTimer(duration: Duration, continuation: CancellableContinuation<Unit>): Int =
        startTimer(duration) { continuation.resume(Unit) }

    override fun startTimer(duration: Duration, onFire: () -> Unit): Int {
        val timer = ++seq
        pending[timer] = onFire
        events += "start $timer $duration"
        return timer
    }

    override fun cancelTimer(seq: Int) {
        if (pending.remove(seq) != null) events += "cancel $seq"
    }

    fun fire(seq: Int) = pending.remove(seq)!!.invoke()
}

/** Runs [block] with a dispatcher entered on the current thread, as an activation does. */
private fun withLoop(block: (WorkflowDispatcher, CoroutineScope, RecordingTimers, MutableList<Thread>) -> Unit) {
    val timers = RecordingTimers()
    val foreign = mutableListOf<Thread>()
    val dispatcher = WorkflowDispatcher(timers) { foreign += it }
    dispatcher.enter()
    try {
        block(dispatcher, CoroutineScope(dispatcher + Job()), timers, foreign)
    } finally {
        dispatcher.exit()
    }
}

class WorkflowDispatcherSpec : FunSpec({
    test("never runs inline: launched coroutines wait in a FIFO queue and interleave at each suspension") {
        withLoop { dispatcher, scope, _, _ ->
            dispatcher.isDispatchNeeded(EmptyCoroutineContext) shouldBe true
            val log = mutableListOf<String>()
            for (name in listOf("a", "b", "c")) {
                scope.launch {
                    log += "${name}1"
                    yield()
                    log += "${name}2"
                }
            }
            log shouldBe emptyList()
            dispatcher.runUntilQuiescent()
            log shouldBe listOf("a1", "b1", "c1", "a2", "b2", "c2")
        }
    }

    test("condition passes evaluate predicates in registration order and resume every satisfied waiter") {
        withLoop { dispatcher, scope, _, _ ->
            val log = mutableListOf<String>()
            var value = 0
            fun waiter(name: String, predicate: () -> Boolean) = scope.launch {
                dispatcher.awaitCondition { log += "check $name"; predicate() }
                log += "resumed $name"
            }
            waiter("x") { value >= 1 }
            waiter("y") { true }
            waiter("z") { value >= 2 }
            dispatcher.runUntilQuiescent()
            // "y" holds at once but still waits for the first pass; "x" and "z" are checked again only when
            // a pass resumed someone.
            log shouldBe listOf("check x", "check y", "check z", "resumed y", "check x", "check z")
            log.clear()
            value = 2
            dispatcher.runUntilQuiescent()
            log shouldBe listOf("check x", "check z", "resumed x", "resumed z")
            dispatcher.conditionWaiterCount shouldBe 0
        }
    }

    test("delay and withTimeout become durable timers; cancellation and early completion cancel them") {
        withLoop { dispatcher, scope, timers, _ ->
            val log = mutableListOf<String>()
            val sleeper = scope.launch { delay(5.seconds); log += "slept" }
            scope.launch { log += "timeout " + (withTimeoutOrNull(10.seconds) { delay(1.seconds); "done" } ?: "expired") }
            dispatcher.runUntilQuiescent()
            timers.events shouldBe listOf("start 1 5s", "start 2 10s", "start 3 1s")
            timers.fire(3)
            dispatcher.runUntilQuiescent()
            sleeper.cancel()
            dispatcher.runUntilQuiescent()
            timers.events shouldBe listOf("start 1 5s", "start 2 10s", "start 3 1s", "cancel 2", "cancel 1")
            log shouldBe listOf("timeout done")
        }
    }

    test("a dispatch from another thread is reported and not run") {
        withLoop { dispatcher, _, _, foreign ->
            var ran = false
            val thread = Thread({ dispatcher.dispatch(EmptyCoroutineContext) { ran = true } }, "intruder")
            thread.start()
            thread.join()
            dispatcher.runUntilQuiescent()
            ran shouldBe false
            foreign.map { it.name } shouldBe listOf("intruder")
        }
    }
})
