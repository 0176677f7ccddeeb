package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.poll.StickyQueueBalancer.Queue.NORMAL
import dev.temporalkt.worker.internal.poll.StickyQueueBalancer.Queue.STICKY
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe

@OptIn(InternalTemporalApi::class)
class StickyQueueBalancerTest : FunSpec({
    test("without a sticky queue every poll goes to the normal queue") {
        val balancer = StickyQueueBalancer(hasStickyQueue = false)
        List(4) { balancer.begin() } shouldContainExactly List(4) { NORMAL }
        balancer.inFlight(NORMAL) shouldBe 4
    }

    test("with nothing waiting on the sticky queue the queues get the same number of polls in flight") {
        val balancer = StickyQueueBalancer(hasStickyQueue = true)
        List(5) { balancer.begin() } shouldContainExactly listOf(STICKY, NORMAL, STICKY, NORMAL, STICKY)
        // a normal poll returns with a task and no sticky backlog: the next poll evens the counts out again
        balancer.end(NORMAL, backlogHint = 40)
        balancer.begin() shouldBe NORMAL
        balancer.end(STICKY, backlogHint = 0)
        balancer.end(STICKY, backlogHint = 0)
        balancer.begin() shouldBe STICKY
    }

    test("a single poller alternates between the queues") {
        val balancer = StickyQueueBalancer(hasStickyQueue = true)
        val order = List(4) { balancer.begin().also { balancer.end(it, backlogHint = 0) } }
        order shouldContainExactly listOf(STICKY, NORMAL, STICKY, NORMAL)
    }

    test("while sticky tasks wait with no sticky poll to take them, every freed slot goes to the sticky queue") {
        val balancer = StickyQueueBalancer(hasStickyQueue = true)
        List(4) { balancer.begin() } shouldContainExactly listOf(STICKY, NORMAL, STICKY, NORMAL)
        // a sticky poll returns with a task and three more waiting; one sticky poll is still in flight
        balancer.end(STICKY, backlogHint = 3)
        // two more sticky polls are needed beside the one in flight, though sticky already has as many as normal
        List(2) { balancer.begin() } shouldContainExactly listOf(STICKY, STICKY)
        balancer.inFlight(STICKY) shouldBe 3
        balancer.inFlight(NORMAL) shouldBe 2
        // three sticky polls in flight for three waiting tasks: back to balancing, normal has fewer in flight
        balancer.begin() shouldBe NORMAL
    }

    test("the normal queue's backlog never takes a slot from a waiting sticky task") {
        val balancer = StickyQueueBalancer(hasStickyQueue = true)
        balancer.begin() shouldBe STICKY
        balancer.begin() shouldBe NORMAL
        // both return with tasks: the normal queue has a large backlog, the sticky queue one task left
        balancer.end(NORMAL, backlogHint = 500)
        balancer.end(STICKY, backlogHint = 1)
        balancer.begin() shouldBe STICKY
        // that poll takes the last sticky task and reports none left
        balancer.end(STICKY, backlogHint = 0)
        balancer.begin() shouldBe NORMAL
    }

    test("a failed sticky poll leaves the last reported backlog as it is") {
        val balancer = StickyQueueBalancer(hasStickyQueue = true)
        balancer.begin() shouldBe STICKY
        balancer.end(STICKY, backlogHint = 2)
        balancer.begin() shouldBe STICKY
        balancer.end(STICKY, backlogHint = null)
        balancer.lastStickyBacklog shouldBe 2
        balancer.begin() shouldBe STICKY
    }
})
