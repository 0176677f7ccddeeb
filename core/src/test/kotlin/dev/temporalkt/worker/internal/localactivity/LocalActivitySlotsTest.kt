package dev.temporalkt.worker.internal.localactivity

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class LocalActivitySlotsTest : FunSpec({
    test("free slots are granted at once; further requests wait and are granted first in, first out") {
        val slots = LocalActivitySlots(2)
        val first = slots.request()
        val second = slots.request()
        val waiting = (1..3).map { slots.request() }
        listOf(first, second).map { it.isCompleted } shouldBe listOf(true, true)
        waiting.map { it.isCompleted } shouldBe listOf(false, false, false)
        slots.release()
        waiting.map { it.isCompleted } shouldBe listOf(true, false, false)
        slots.release()
        slots.release()
        waiting.map { it.isCompleted } shouldBe listOf(true, true, true)
    }

    test("a request made while others wait queues behind them even when a slot was just freed") {
        val slots = LocalActivitySlots(1)
        slots.request()
        val waiting = slots.request()
        slots.release()
        val late = slots.request()
        waiting.isCompleted shouldBe true
        late.isCompleted shouldBe false
    }

    test("a withdrawn waiting request is never granted; the slot goes to the next one") {
        val slots = LocalActivitySlots(1)
        slots.request()
        val withdrawn = slots.request()
        val next = slots.request()
        slots.withdraw(withdrawn)
        slots.release()
        withdrawn.isCancelled shouldBe true
        next.isCompleted shouldBe true
        next.isCancelled shouldBe false
    }

    test("withdrawing a granted request gives its slot back") {
        val slots = LocalActivitySlots(1)
        val granted = slots.request()
        val waiting = slots.request()
        slots.withdraw(granted)
        waiting.isCompleted shouldBe true
        slots.release()
        slots.request().isCompleted shouldBe true
    }
})
