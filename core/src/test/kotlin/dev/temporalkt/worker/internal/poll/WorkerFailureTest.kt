package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.test.runTest

@OptIn(InternalTemporalApi::class)
class WorkerFailureTest : FunSpec({
    test("the first part to stop for a non-retryable poll error is the worker's failure; later ones do not replace it") {
        runTest {
            val failure = WorkerFailure("orders", "shop", "127.0.0.1:7233")
            failure.failure shouldBe null
            val denied = Status.PERMISSION_DENIED.withDescription("Request unauthorized.").asException()
            failure.report("workflow", denied)
            failure.report("activity", Status.NOT_FOUND.asException())
            val first = failure.await()
            first.message shouldBe "Worker for task queue 'orders' stopped: its workflow polling of namespace 'shop' at " +
                "127.0.0.1:7233 failed with a non-retryable error (PERMISSION_DENIED: Request unauthorized.)"
            first.cause shouldBeSameInstanceAs denied
            failure.failure shouldBeSameInstanceAs first
        }
    }

    test("a task poller hands a non-retryable poll error to its fatal handler once and stops polling") {
        runTest {
            val reported = mutableListOf<Throwable>()
            val done = CompletableDeferred<Unit>()
            val notFound = Status.NOT_FOUND.withDescription("Namespace shop is not found.").asException()
            val poller = TaskPoller<String>(
                name = "workflow:orders",
                pollerCount = 3,
                slots = FixedSizeSlotSupplier(3),
                context = Dispatchers.Unconfined,
                poll = { throw notFound },
                handler = { _, _ -> },
                isFatal = { true },
                onFatal = { e ->
                    reported += e
                    done.complete(Unit)
                },
            )
            poller.start()
            done.await()
            reported shouldBe listOf(notFound)
            poller.isStopped shouldBe true
        }
    }
})
