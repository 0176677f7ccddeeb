@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus.internal

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.nexus.v1.Request
import dev.temporalkt.worker.internal.nexus.NexusReply
import dev.temporalkt.worker.internal.nexus.NexusResponses
import dev.temporalkt.api.nexus.v1.Response
import dev.temporalkt.api.nexus.v1.StartOperationRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadCodec
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.nexus.NexusHandlerErrorType
import dev.temporalkt.nexus.NexusHandlerException
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusLink
import dev.temporalkt.nexus.NexusOperationContext
import dev.temporalkt.nexus.NexusOperationException
import dev.temporalkt.nexus.NexusService
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.runBlocking
import kotlin.reflect.typeOf

/** Wraps each payload whole into one with encoding `binary/wrapped`, so encoded payloads are recognisable. */
private object WrappingCodec : PayloadCodec {
    override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.map {
        Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/wrapped")).setData(it.toByteString()).build()
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.map { Payload.parseFrom(it.data) }
}

@NexusService(name = "Refusing")
class RefusingService {
    @NexusOperation
    suspend fun refuse(reason: String): String =
        throw NexusOperationException.failed("refused", ApplicationFailure("no", "Refused", details = FailureDetails.of(reason)))

    @NexusOperation
    suspend fun crash(reason: String): String =
        throw ApplicationFailure("crashed", "Crash", details = FailureDetails.of(reason))

    @NexusOperation
    suspend fun reject(reason: String): String = throw NexusHandlerException(
        NexusHandlerErrorType.BAD_REQUEST, "rejected", cause = ApplicationFailure("bad", "Bad", details = FailureDetails.of(reason)),
    )
}

@NexusService(name = "Linked")
class LinkEchoService {
    @NexusOperation
    suspend fun echo(name: String): String =
        NexusOperationContext.current().inboundLinks.joinToString(" | ") { "${it.type} ${it.url}" }
}

class KotlinNexusHandlerRepliesTest : FunSpec({
    val converter = DataConverter(codecs = listOf(WrappingCodec))
    val plain = DataConverter.default
    val connection = runBlocking { Connection.connect(ConnectionOptions(target = "127.0.0.1:1", lazy = true)) }
    afterSpec { connection.close() }
    val worker = KotlinNexusHandler(connection, "default", "worker-1", "nexus-tq", converter, listOf(RefusingService(), LinkEchoService()))

    suspend fun request(operation: String, temporalFailures: Boolean = true): Request = Request.newBuilder()
        .setCapabilities(Request.Capabilities.newBuilder().setTemporalFailureResponses(temporalFailures))
        .setStartOperation(
            StartOperationRequest.newBuilder().setService("Refusing").setOperation(operation).setRequestId("r-1")
                .setPayload(converter.encodeValue("Sunday")),
        ).build()

    val encodedDetail = runBlocking { WrappingCodec.encode(listOf(plain.encodeValue("Sunday"))).single() }

    test("the cause of an operation failure carries its details through the payload codec") {
        val reply = worker.reply(request("refuse")).shouldBeInstanceOf<NexusReply.Completed>().response
        val failure = reply.startOperation.failure
        failure.message shouldBe "refused"
        failure.cause.applicationFailureInfo.type shouldBe "Refused"
        failure.cause.applicationFailureInfo.details.payloadsList shouldBe listOf(encodedDetail)
        converter.decodeFailure(failure.cause).shouldBeInstanceOf<ApplicationFailure>().details<String>() shouldBe "Sunday"
    }

    test("a handler's ApplicationFailure becomes a handler error whose failure details went through the codec") {
        val reply = worker.reply(request("crash")).shouldBeInstanceOf<NexusReply.HandlerError>()
        reply.type shouldBe NexusHandlerErrorType.INTERNAL.name
        reply.cause!!.applicationFailureInfo.details.payloadsList shouldBe listOf(encodedDetail)
        NexusResponses.handlerFailure(reply).cause.applicationFailureInfo.details.payloadsList shouldBe listOf(encodedDetail)
    }

    test("the cause of a NexusHandlerException carries its details through the codec") {
        val reply = worker.reply(request("reject")).shouldBeInstanceOf<NexusReply.HandlerError>()
        reply.type shouldBe NexusHandlerErrorType.BAD_REQUEST.name
        reply.message shouldBe "rejected"
        reply.cause!!.applicationFailureInfo.type shouldBe "Bad"
        reply.cause!!.applicationFailureInfo.details.payloadsList shouldBe listOf(encodedDetail)
    }

    test("an operation sees the request's links, in order, on NexusOperationContext.inboundLinks") {
        val scheduled = NexusLinks.toNexus("default", "caller-1", "run-1", 5, EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED)
        val other = dev.temporalkt.api.nexus.v1.Link.newBuilder().setUrl("https://example.com/orders/7").setType("example.Order").build()
        val start = request("echo").startOperation.toBuilder().setService("Linked").addLinks(scheduled).addLinks(other)
        val reply = worker.reply(request("echo").toBuilder().setStartOperation(start).build()).shouldBeInstanceOf<NexusReply.Completed>().response
        converter.decodeValue(reply.startOperation.syncSuccess.payload, typeOf<String>()) shouldBe
            "${NexusLink.WORKFLOW_EVENT_TYPE} temporal:///namespaces/default/workflows/caller-1/run-1/history" +
            "?referenceType=EventReference&eventID=5&eventType=NexusOperationScheduled | example.Order https://example.com/orders/7"
    }

    test("an operation called without links sees no inbound links") {
        val start = request("echo").startOperation.toBuilder().setService("Linked")
        val reply = worker.reply(request("echo").toBuilder().setStartOperation(start).build()).shouldBeInstanceOf<NexusReply.Completed>().response
        converter.decodeValue(reply.startOperation.syncSuccess.payload, typeOf<String>()) shouldBe ""
    }
})
