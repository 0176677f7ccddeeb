package dev.temporalkt.client

import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.workflow.e2e.e2eServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@Workflow(name = "E2eMetadataOrder")
class MetadataOrderWorkflow {
    private var approvedBy: String? = null
    private var quantity = 1

    @WorkflowRun
    suspend fun run(orderId: String): String {
        Workflow.setCurrentDetails("waiting for the **approval** of $orderId")
        Workflow.setQueryHandler("eta", description = "When the order ships") { "tomorrow" }
        Workflow.waitCondition { approvedBy != null }
        Workflow.setCurrentDetails("approved by $approvedBy")
        return "$quantity x $orderId approved by $approvedBy"
    }

    @Signal(description = "Approves the order")
    fun approve(approver: String) {
        approvedBy = approver
    }

    @Signal(dynamic = true, description = "Notes any other signal")
    fun other(name: String, args: List<RawValue>) = Unit

    @Query(description = "How many items are ordered")
    fun quantity(): Int = quantity

    @Update(name = "set-quantity", description = "Changes how many items are ordered")
    fun setQuantity(value: Int): Int {
        quantity = value
        return quantity
    }
}

/** [WorkflowHandle.queryMetadata]: the built-in metadata query answered by a worker, read as our own types. */
class WorkflowMetadataSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: queryMetadata returns the workflow type, the handlers with their descriptions and the current details") {
            server.withWorker(listOf(MetadataOrderWorkflow::class)) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eMetadataOrder", "o-1", options = options("metadata"))
                    handle.executeUpdate<Int>("set-quantity", 3) shouldBe 3
                    handle.queryMetadata() shouldBe WorkflowMetadata(
                        workflowType = "E2eMetadataOrder",
                        queryDefinitions = listOf(
                            WorkflowHandlerDefinition("eta", "When the order ships"),
                            WorkflowHandlerDefinition("quantity", "How many items are ordered"),
                        ),
                        signalDefinitions = listOf(
                            WorkflowHandlerDefinition(null, "Notes any other signal"),
                            WorkflowHandlerDefinition("approve", "Approves the order"),
                        ),
                        updateDefinitions = listOf(WorkflowHandlerDefinition("set-quantity", "Changes how many items are ordered")),
                        currentDetails = "waiting for the **approval** of o-1",
                    )
                    handle.signal("approve", "Ada")
                    handle
                }
                handle.result() shouldBe "3 x o-1 approved by Ada"
                val closed = handle.queryMetadata()
                closed.currentDetails shouldBe "approved by Ada"
                closed.signalDefinitions.map { it.isDynamic } shouldBe listOf(true, false)
                replay(handle)
            }
        }
    }
})
