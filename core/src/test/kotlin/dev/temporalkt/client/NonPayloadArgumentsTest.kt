package dev.temporalkt.client

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.ByteArrayInputStream
import java.util.concurrent.CompletableFuture
import java.util.concurrent.locks.ReentrantLock

/** A client refuses, before sending anything, arguments that cannot be payloads, with the checks a worker makes. */
class NonPayloadArgumentsTest : FunSpec({
    test("start, signal, query and update by name refuse a thread, a stream, a lock and a future") {
        // never reached: the arguments are refused before any call
        val client = Client(Connection.connect(ConnectionOptions(target = "127.0.0.1:1", lazy = true)))
        shouldThrow<IllegalArgumentException> {
            client.startWorkflow<String>("Order", "order-1", Thread(), options = WorkflowOptions(id = "order-1", taskQueue = "orders"))
        }.message shouldBe "Argument 1 of workflow 'Order' (id 'order-1') is java.lang.Thread, a thread, which cannot be " +
            "sent as a payload; send plain data instead (a @Serializable class, a class Jackson can convert such as a " +
            "data class, a primitive, String, or collections of them)"
        val handle = client.getWorkflowHandle<String>("order-1")
        shouldThrow<IllegalArgumentException> { handle.signal("attach", ByteArrayInputStream(byteArrayOf(1))) }.message shouldBe
            "Argument 0 of signal 'attach' of workflow 'order-1' is java.io.ByteArrayInputStream, an I/O stream, which " +
            "cannot be sent as a payload; send plain data instead (a @Serializable class, a class Jackson can convert " +
            "such as a data class, a primitive, String, or collections of them)"
        shouldThrow<IllegalArgumentException> { handle.query<String>("status", ReentrantLock()) }.message shouldBe
            "Argument 0 of query 'status' of workflow 'order-1' is java.util.concurrent.locks.ReentrantLock, a lock, " +
            "which cannot be sent as a payload; send plain data instead (a @Serializable class, a class Jackson can " +
            "convert such as a data class, a primitive, String, or collections of them)"
        shouldThrow<IllegalArgumentException> { handle.executeUpdate<String>("approve", CompletableFuture.completedFuture(1)) }.message shouldBe
            "Argument 0 of update 'approve' of workflow 'order-1' is java.util.concurrent.CompletableFuture, a pending " +
            "result (Future), which cannot be sent as a payload; send plain data instead (a @Serializable class, a " +
            "class Jackson can convert such as a data class, a primitive, String, or collections of them)"
        client.connection.close()
    }
})
