@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking

class EagerWorkflowDispatchSpec : FunSpec({
    /** A worker with [free] slots that records what it receives. */
    class FakeTarget(
        override val connection: Connection,
        override val namespace: String,
        override val taskQueue: String,
        var free: Int,
    ) : EagerWorkflowTaskTarget {
        val received = mutableListOf<String>()

        override fun tryReserveEagerSlot(): EagerWorkflowTaskSlot? {
            if (free == 0) return null
            free--
            return object : EagerWorkflowTaskSlot {
                private var done = false
                override fun dispatch(task: PollWorkflowTaskQueueResponse) {
                    received += task.workflowExecution.runId
                    free++
                }

                override fun release() {
                    if (!done) free++
                    done = true
                }
            }
        }
    }

    val first = runBlocking { Connection.connect(ConnectionOptions(target = "127.0.0.1:1", lazy = true)) }
    val second = runBlocking { Connection.connect(ConnectionOptions(target = "127.0.0.1:1", lazy = true)) }
    afterSpec {
        first.close()
        second.close()
    }

    test("a slot is reserved only from a registered worker of the same connection, namespace and task queue") {
        val target = FakeTarget(first, "default", "orders", free = 1)
        EagerWorkflowDispatch.reserve(first, "default", "orders").shouldBeNull()
        EagerWorkflowDispatch.register(target)
        try {
            EagerWorkflowDispatch.reserve(second, "default", "orders").shouldBeNull()
            EagerWorkflowDispatch.reserve(first, "other", "orders").shouldBeNull()
            EagerWorkflowDispatch.reserve(first, "default", "payments").shouldBeNull()
            val slot = EagerWorkflowDispatch.reserve(first, "default", "orders").shouldNotBeNull()
            target.free shouldBe 0
            // The only slot is taken: nothing more to reserve until it is used or released.
            EagerWorkflowDispatch.reserve(first, "default", "orders").shouldBeNull()
            slot.dispatch(
                PollWorkflowTaskQueueResponse.newBuilder()
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("wf").setRunId("run-1"))
                    .build(),
            )
            target.received shouldBe listOf("run-1")
            EagerWorkflowDispatch.reserve(first, "default", "orders").shouldNotBeNull().release()
            target.free shouldBe 1
        } finally {
            EagerWorkflowDispatch.unregister(target)
        }
        EagerWorkflowDispatch.reserve(first, "default", "orders").shouldBeNull()
    }

    test("a worker without free slots is skipped for another registered worker of the same task queue") {
        val busy = FakeTarget(first, "default", "orders", free = 0)
        val idle = FakeTarget(first, "default", "orders", free = 1)
        EagerWorkflowDispatch.register(busy)
        EagerWorkflowDispatch.register(idle)
        try {
            EagerWorkflowDispatch.reserve(first, "default", "orders").shouldNotBeNull().release()
            idle.free shouldBe 1
            busy.free shouldBe 0
        } finally {
            EagerWorkflowDispatch.unregister(busy)
            EagerWorkflowDispatch.unregister(idle)
        }
    }
})
