package dev.temporalkt.samples.schedule

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.schedule.listSchedules
import dev.temporalkt.samples.SampleTestServer
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.flow.toList

/** Schedules need a real server: this test uses the JVM's shared Temporal CLI dev server. */
class ScheduleSampleTest : FunSpec({
    test("a triggered schedule starts the report workflow, and the sample deletes the schedule afterwards") {
        val server = SharedServers.devServer()
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        try {
            val id = SampleTestServer.unique("daily-report")
            val outcome = runSchedule(client, id, SampleTestServer.unique("q"))
            outcome.scheduleId shouldBe id
            outcome.startedWorkflowId shouldStartWith "$id-run-"
            outcome.result shouldStartWith "report for payments as of "
            outcome.actions shouldBe 1L
            client.listSchedules().toList().none { it.id == id } shouldBe true
        } finally {
            client.connection.close()
        }
    }
})
