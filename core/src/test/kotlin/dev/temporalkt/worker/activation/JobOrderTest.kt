@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.activation

import dev.temporalkt.worker.activation.Jobs.activity
import dev.temporalkt.worker.activation.Jobs.cancel
import dev.temporalkt.worker.activation.Jobs.evict
import dev.temporalkt.worker.activation.Jobs.init
import dev.temporalkt.worker.activation.Jobs.patch
import dev.temporalkt.worker.activation.Jobs.query
import dev.temporalkt.worker.activation.Jobs.seed
import dev.temporalkt.worker.activation.Jobs.signal
import dev.temporalkt.worker.activation.Jobs.signalExternal
import dev.temporalkt.worker.activation.Jobs.timer
import dev.temporalkt.worker.activation.Jobs.update
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

class JobOrderTest : FunSpec({
    val none = emptySet<LogicFlag>()

    test("initialization first, then patches, then seed updates, ahead of everything user code sees") {
        val sig = signal("a")
        val jobs = listOf(timer(1), sig, seed(7), patch("p1"), init(), patch("p2"))

        JobOrder.sort(jobs, none) shouldContainExactly listOf(init(), patch("p1"), patch("p2"), seed(7), sig, timer(1))
    }

    test("signals and updates precede resolutions and keep their history order among themselves") {
        val jobs = listOf(
            timer(1), signal("s1"), activity(2), update("u1"), cancel(), signal("s2"), signalExternal(3), update("u2"),
        )

        JobOrder.sort(jobs, none) shouldContainExactly listOf(
            signal("s1"), update("u1"), signal("s2"), update("u2"),
            timer(1), activity(2), cancel(), signalExternal(3),
        )
    }

    test("resolutions and workflow cancellation keep history order") {
        val jobs = listOf(cancel(), activity(5), timer(2), signalExternal(1), timer(1))

        JobOrder.sort(jobs, none) shouldContainExactly jobs
    }

    test("local activity resolutions come after the other resolutions of the activation") {
        val jobs = listOf(activity(1, local = true), timer(4), activity(2, local = false), activity(3, local = true), cancel())

        JobOrder.sort(jobs, none) shouldContainExactly listOf(
            timer(4), activity(2, local = false), cancel(), activity(1, local = true), activity(3, local = true),
        )
    }

    test("an already ordered activation is returned unchanged") {
        val jobs = listOf(init(), patch("p"), seed(1), signal("s"), update("u"), timer(1), activity(2, local = true))

        JobOrder.sort(jobs, none) shouldContainExactly jobs
    }

    test("a query-only activation keeps the query order") {
        val jobs = listOf(query("q2"), query("q1"))

        JobOrder.sort(jobs, none) shouldContainExactly jobs
    }

    test("sort rejects queries mixed with other jobs and names the other jobs") {
        val e = shouldThrow<IllegalArgumentException> { JobOrder.sort(listOf(timer(1), query("q"), signal("s")), none) }

        e.message shouldBe "Queries must not share an activation with other jobs, but 1 QueryWorkflow job(s) came with " +
            "[FireTimer, SignalWorkflow]. Deliver the other jobs first and the queries in an activation of their own " +
            "(JobOrder.partition does this)."
    }

    test("an eviction alone is accepted") {
        JobOrder.sort(listOf(evict()), none) shouldContainExactly listOf(evict())
    }

    test("sort rejects an eviction with any other job") {
        val e = shouldThrow<IllegalArgumentException> { JobOrder.sort(listOf(evict(), query("q")), none) }

        e.message shouldBe "RemoveFromCache must be the only job of its activation, but it came with 1 other job(s): " +
            "[QueryWorkflow]. Deliver those first and evict in an activation of its own (JobOrder.partition does this)."
    }

    test("sort rejects two initializations") {
        val e = shouldThrow<IllegalArgumentException> { JobOrder.sort(listOf(init(), timer(1), init()), none) }

        e.message shouldBe "An activation may initialize the run once, but it holds 2 InitializeWorkflow jobs."
    }

    test("partition delivers mutating jobs sorted, then the queries, then the eviction alone") {
        val jobs = listOf(query("q1"), timer(1), evict(), signal("s"), query("q2"), patch("p"))

        JobOrder.partition(jobs, none) shouldContainExactly listOf(
            listOf(patch("p"), signal("s"), timer(1)),
            listOf(query("q1"), query("q2")),
            listOf(evict()),
        )
    }

    test("partition leaves out empty groups") {
        JobOrder.partition(listOf(query("q")), none) shouldContainExactly listOf(listOf(query("q")))
        JobOrder.partition(listOf(evict(), timer(3)), none) shouldContainExactly listOf(listOf(timer(3)), listOf(evict()))
        JobOrder.partition(emptyList(), none).shouldBeEmpty()
    }

    test("partition rejects two evictions") {
        val e = shouldThrow<IllegalArgumentException> { JobOrder.partition(listOf(evict(), evict()), none) }

        e.message shouldBe "A run can be evicted only once, but the jobs hold 2 RemoveFromCache jobs: " +
            "[RemoveFromCache(message=cache full, reason=CACHE_FULL), RemoveFromCache(message=cache full, reason=CACHE_FULL)]. " +
            "Emit a single eviction for the run."
    }

    test("every sorted activation is accepted by sort again and is a fixed point") {
        val jobs = listOf(activity(9, local = true), update("u"), timer(3), seed(2), init(), patch("x"), signal("s"), cancel())
        val once = JobOrder.sort(jobs, none)

        JobOrder.sort(once, none) shouldContainExactly once
        once.toSet() shouldBe jobs.toSet()
    }
})
