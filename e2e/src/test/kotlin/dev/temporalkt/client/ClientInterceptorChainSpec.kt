package dev.temporalkt.client

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.reflect.typeOf

/** The order and reach of client interceptors, without a server: the innermost one answers instead of the server. */
class ClientInterceptorChainSpec : FunSpec({
    // Nothing listens on port 1: any call that reached the server would fail.
    val connection = Connection.open(ConnectionOptions(target = "127.0.0.1:1", lazy = true))
    afterSpec { connection.close() }

    test("interceptors see calls in list order, each seeing the changes of the one before") {
        val seen = mutableListOf<String>()
        val outer = ClientInterceptor { next ->
            object : ClientOutboundInterceptor(next) {
                override suspend fun signalWorkflow(input: SignalWorkflowInput) {
                    seen += "outer ${input.args}"
                    super.signalWorkflow(input.copy(args = input.args + "from-outer", argTypes = input.argTypes + typeOf<String>()))
                }
            }
        }
        val inner = ClientInterceptor { next ->
            object : ClientOutboundInterceptor(next) {
                override suspend fun signalWorkflow(input: SignalWorkflowInput) {
                    seen += "inner ${input.args} ${input.argTypes}"
                }
            }
        }
        val client = Client(connection, ClientOptions(namespace = "orders", identity = "tester", interceptors = listOf(outer, inner)))
        client.namespace shouldBe "orders"
        client.identity shouldBe "tester"
        client.getWorkflowHandle<String>("w").signal("go", 1)
        seen shouldBe listOf("outer [1]", "inner [1, from-outer] [kotlin.Int, kotlin.String]")
    }

    test("waiting for an update's result goes through the interceptors' pollWorkflowUpdate") {
        val seen = mutableListOf<PollWorkflowUpdateInput>()
        val answering = ClientInterceptor { next ->
            object : ClientOutboundInterceptor(next) {
                override suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? {
                    seen += input
                    return 7
                }
            }
        }
        val client = Client(connection, ClientOptions(interceptors = listOf(answering)))
        val handle = client.getWorkflowHandle<String>("cart-1").getUpdateHandle<Int>("add-1")
        handle.result() shouldBe 7
        seen shouldBe listOf(PollWorkflowUpdateInput("cart-1", null, "add-1", "", typeOf<Int>()))
    }

    test("an interceptor without a next link that does not implement a call says so") {
        val broken = object : ClientOutboundInterceptor(null) {}
        val client = Client(connection, ClientOptions(interceptors = listOf(ClientInterceptor { broken })))
        shouldThrow<IllegalStateException> { client.getWorkflowHandle<String>("w").cancel() }
            .message shouldContain "has no next interceptor"
    }

    test("bad client options fail with a message that says what to fix") {
        shouldThrow<IllegalArgumentException> { ClientOptions(namespace = " ") }.message shouldContain "namespace must not be blank"
        val client = Client(connection)
        shouldThrow<IllegalArgumentException> { client.getWorkflowHandle<String>("") }.message shouldContain "workflowId must not be blank"
        shouldThrow<IllegalArgumentException> { client.listWorkflows(pageSize = -1) }.message shouldContain "pageSize must not be negative"
        shouldThrow<IllegalArgumentException> {
            client.getWorkflowHandle<String>("w").startUpdate("u", emptyList(), typeOf<Int>(), waitForStage = WorkflowUpdateStage.ADMITTED)
        }.message shouldContain "ACCEPTED or COMPLETED"
        shouldThrow<IllegalArgumentException> {
            client.startUpdateWithStart("Cart", emptyList(), typeOf<String>(), WorkflowOptions("w", "q"), "addItem", emptyList(), typeOf<Int>())
        }.message shouldContain "idConflictPolicy"
    }
})
