package dev.temporalkt.nexus

import dev.temporalkt.client.Client
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.nexus.internal.BillingService
import dev.temporalkt.worker.Worker
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class NexusWorkerValidationSpec : FunSpec({
    // A lazy connection never touches the network: building a worker must not need a server.
    val client = Client(Connection.open(ConnectionOptions(target = "127.0.0.1:1", lazy = true)))
    afterSpec { client.connection.close() }

    test("a worker with only Nexus services is valid") {
        Worker(client, "q", nexusServices = listOf(BillingService())).taskQueue shouldBe "q"
    }

    test("a worker given something that is not a Nexus service handler says what to annotate") {
        shouldThrow<IllegalArgumentException> { Worker(client, "q", nexusServices = listOf("not a service")) }.message shouldBe
            "Invalid Nexus services:\n  - kotlin.String is not a Nexus service handler: annotate the class with @NexusService"
    }
})
