@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.poll

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.util.concurrent.atomic.AtomicInteger

class NamespaceCheckPendingTest : FunSpec({
    test("a check sent early is asked once and its answer given when the worker starts") {
        val asked = AtomicInteger()
        val pending = NamespaceAccessCheck.Pending { asked.incrementAndGet(); NamespaceAccessCheck.Answer(true) }
        pending.await() shouldBe true
        asked.get() shouldBe 1
    }

    test("a refusal reaches the starting worker as the very exception the check threw") {
        val refusal = IllegalStateException("namespace 'x' does not exist")
        val pending = NamespaceAccessCheck.Pending { throw refusal }
        shouldThrow<IllegalStateException> { pending.await() } shouldBeSameInstanceAs refusal
    }

    test("a check that could not be made gives null") {
        NamespaceAccessCheck.Pending { NamespaceAccessCheck.Answer(null, "could not check") }.await() shouldBe null
    }
})
