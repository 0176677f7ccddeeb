package dev.temporalkt.worker

import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class WorkerInterceptorsSpec : FunSpec({
    class Both(val name: String) : ClientInterceptor, WorkerInterceptor {
        override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = next
        override fun toString(): String = name
    }

    class ClientOnly : ClientInterceptor {
        override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = next
    }

    class WorkerOnly(val name: String) : WorkerInterceptor {
        override fun toString(): String = name
    }

    test("a worker applies its client's worker interceptors first, then its own, each instance once") {
        val shared = Both("shared")
        val traced = Both("traced")
        val own = WorkerOnly("own")
        val connection = Connection.connect(ConnectionOptions(target = "127.0.0.1:1", lazy = true))
        try {
            val client = Client(connection, ClientOptions(interceptors = listOf(shared, ClientOnly(), traced)))
            WorkerInterceptors.of(client, WorkerOptions(interceptors = listOf(own, shared))).map { it.toString() } shouldBe
                listOf("shared", "traced", "own")
            WorkerInterceptors.of(Client(connection), WorkerOptions()) shouldBe emptyList()
        } finally {
            connection.close()
        }
    }
})
