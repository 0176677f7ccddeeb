package dev.temporalkt.client.schedule

import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

class ScheduleInterceptorSpec : FunSpec({
    // Nothing reaches a server: the innermost interceptor of each test answers the calls itself.
    val connection = runBlocking { Connection.connect(ConnectionOptions(target = "127.0.0.1:1", lazy = true)) }
    afterSpec { connection.close() }

    test("the client's schedule interceptors make its schedule chain, in list order, once per client and on first use") {
        val seen = mutableListOf<String>()
        var built = 0

        /** Records the calls it sees; [last] answers them instead of passing them on, the others mark the input. */
        fun recording(name: String, last: Boolean) = ScheduleInterceptor { next ->
            built++
            object : ScheduleOutboundInterceptor(next) {
                override suspend fun patchSchedule(input: PatchScheduleInput) {
                    seen += "$name pause ${input.pauseNote}"
                    if (!last) super.patchSchedule(input.copy(pauseNote = "${input.pauseNote} ($name)"))
                }

                override suspend fun deleteSchedule(input: DeleteScheduleInput) {
                    seen += "$name delete ${input.id}"
                    if (!last) super.deleteSchedule(input)
                }

                override fun listSchedules(input: ListSchedulesInput): Flow<ScheduleListDescription> {
                    seen += "$name list ${input.query}"
                    if (last) return emptyFlow()
                    return super.listSchedules(input.copy(query = "${input.query} AND TemporalSchedulePaused = true"))
                }
            }
        }

        val workflowCallsOnly = ClientInterceptor { next -> next }
        val options = ClientOptions(
            interceptors = listOf(recording("outer", last = false), workflowCallsOnly, recording("inner", last = true)),
        )
        val client = Client(connection, options)
        val handle = client.getScheduleHandle("nightly")
        built shouldBe 0

        handle.pause("maintenance")
        client.getScheduleHandle("nightly").delete()
        client.listSchedules("WorkflowType = 'Report'").toList() shouldBe emptyList()
        built shouldBe 2
        seen shouldBe listOf(
            "outer pause maintenance", "inner pause maintenance (outer)",
            "outer delete nightly", "inner delete nightly",
            "outer list WorkflowType = 'Report'", "inner list WorkflowType = 'Report' AND TemporalSchedulePaused = true",
        )

        // Another client over the same options builds its own chain.
        Client(connection, options).getScheduleHandle("weekly").delete()
        built shouldBe 4
    }

    test("a schedule interceptor leaves the workflow calls alone unless it overrides interceptClient") {
        val root = object : ClientOutboundInterceptor(null) {}
        ScheduleInterceptor { next -> next }.interceptClient(root) shouldBeSameInstanceAs root
    }
})
