package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.IndexedValueType
import dev.temporalkt.api.enums.v1.NamespaceState
import dev.temporalkt.api.operatorservice.v1.ListSearchAttributesRequest
import dev.temporalkt.api.operatorservice.v1.OperatorServiceGrpc
import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import io.grpc.ManagedChannelBuilder
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.maps.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.net.ConnectException
import java.net.InetSocketAddress
import java.net.Socket
import java.util.concurrent.TimeUnit

private fun customSearchAttributes(target: String, namespace: String): Map<String, IndexedValueType> {
    val channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build()
    try {
        return OperatorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
            .customAttributesMap
    } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS)
    }
}

class DevServerSpec : FunSpec({
    include(
        workflowServiceConnectivity(
            serverName = "dev server",
            checkSystemInfo = { info ->
                info.serverVersion shouldMatch Regex("""\d+\.\d+\.\d+.*""")
                info.capabilities.internalErrorDifferentiation shouldBe true
            },
        ) {
            val server = SharedServers.devServer()
            server.target to server.namespace
        },
    )

    test("dev server: DescribeNamespace finds the registered default namespace") {
        val server = SharedServers.devServer()
        server.namespace shouldBe "default"
        val response = withWorkflowService(server.target) {
            it.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
        }
        response.namespaceInfo.name shouldBe "default"
        response.namespaceInfo.state shouldBe NamespaceState.NAMESPACE_STATE_REGISTERED
    }

    test("dev server: the default custom search attributes are registered with their types") {
        val server = SharedServers.devServer()
        customSearchAttributes(server.target, server.namespace) shouldContainAll DevServerOptions.DEFAULT_SEARCH_ATTRIBUTES
    }

    test("dev server: the shared instance listens on loopback and ignores close()") {
        val server = SharedServers.devServer()
        server.target shouldBe "127.0.0.1:${server.port}"
        server.close()
        server.isRunning shouldBe true
        SharedServers.devServer() shouldBeSameInstanceAs server
    }

    test("dev server: a private instance creates its namespace and search attribute, and close() stops it") {
        val options = DevServerOptions {
            namespace("kt-private")
            clearSearchAttributes()
            searchAttribute("KtOrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            dynamicConfig("limit.historyCount.suggestContinueAsNew", "50")
        }
        SharedServers.devServer() // honours the -Dtemporal.devserver=skip opt-out like the other dev server tests
        val server = DevServer.start(options)
        val port = server.port
        try {
            server.namespace shouldBe "kt-private"
            val response = withWorkflowService(server.target) {
                it.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("kt-private").build())
            }
            response.namespaceInfo.name shouldBe "kt-private"
            customSearchAttributes(server.target, "default") shouldBe
                mapOf("KtOrderStatus" to IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        } finally {
            server.close()
        }
        server.isRunning shouldBe false
        shouldThrow<ConnectException> {
            Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 2_000) }
        }
    }
})
