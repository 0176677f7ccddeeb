package dev.temporalkt.converter

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.ResetWorkflowFailureInfo
import dev.temporalkt.api.failure.v1.TimeoutFailureInfo
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlin.reflect.typeOf

class PayloadCodecTest : FunSpec({
    val converter = DefaultPayloadConverter()
    val originals = listOf(
        converter.toPayload(Order("secret-order", 2)),
        converter.toPayload<String?>(null),
        converter.toPayload(byteArrayOf(9, 8, 7)),
    )

    fun Payload.encoding() = metadataStrings()[PayloadEncodings.METADATA_ENCODING]

    test("a chain encodes in order and decodes in reverse, restoring the exact bytes") {
        val chain = PayloadCodecChain(listOf(GzipCodec(), XorCodec()))
        val encoded = chain.encode(originals)

        encoded.size shouldBe originals.size
        encoded.map { it.encoding() } shouldContainExactly List(3) { XorCodec.ENCODING }
        encoded.zip(originals).forEach { (e, o) -> e.data shouldNotBe o.data }
        encoded.none { it.toByteString().toStringUtf8().contains("secret-order") } shouldBe true

        // XOR was applied last: undoing it alone reveals the gzip layer
        XorCodec().decode(encoded).map { it.encoding() } shouldContainExactly List(3) { GzipCodec.ENCODING }

        val decoded = chain.decode(encoded)
        decoded.map { it.toByteString() } shouldContainExactly originals.map { it.toByteString() }
        converter.fromPayload<Order>(decoded[0]) shouldBe Order("secret-order", 2)
    }

    test("codecs are called in list order when encoding and reverse order when decoding") {
        val calls = mutableListOf<String>()
        class Recording(private val name: String) : PayloadCodec {
            override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.also { calls += "encode $name" }
            override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.also { calls += "decode $name" }
        }
        val chain = PayloadCodecChain(listOf(Recording("a"), Recording("b"), Recording("c")))
        chain.decode(chain.encode(originals))
        calls shouldContainExactly listOf("encode a", "encode b", "encode c", "decode c", "decode b", "decode a")
    }

    test("a codec returning the wrong number of payloads is reported") {
        class Dropping : PayloadCodec {
            override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.drop(1)
            override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads
        }
        val e = shouldThrow<IllegalStateException> { PayloadCodecChain(listOf(XorCodec(), Dropping())).encode(originals) }
        e.message!! shouldContain "Dropping returned 2 payloads when encoding 3"
    }

    test("DataConverter converts then encodes, and decodes then converts") {
        val dataConverter = DataConverter(codecs = listOf(GzipCodec(), XorCodec()))
        val types = listOf(typeOf<String>(), typeOf<List<Order>>(), typeOf<Int?>())
        val values = listOf("id-1", listOf(Order("a", 1)), null)

        val payloads = dataConverter.encode(values, types)
        payloads.payloadsList.map { it.encoding() } shouldContainExactly List(3) { XorCodec.ENCODING }
        dataConverter.decodePayloads(payloads)!!.payloadsList.map { it.toByteString() } shouldContainExactly
            converter.toPayloads(values, types).payloadsList.map { it.toByteString() }
        dataConverter.decode(payloads, types) shouldBe values

        val single = dataConverter.encodeValue(Order("b", 2))
        single.encoding() shouldBe XorCodec.ENCODING
        dataConverter.decodeValue<Order>(single) shouldBe Order("b", 2)

        val javaTyped = dataConverter.encode(listOf(Order("c", 3)), listOf<java.lang.reflect.Type>(Order::class.java))
        dataConverter.decode(javaTyped, listOf<java.lang.reflect.Type>(Order::class.java)) shouldBe listOf(Order("c", 3))
    }

    test("a DataConverter without codecs leaves payloads as converted") {
        val payloads = DataConverter.default.encode(listOf(Order("a", 1)), listOf(typeOf<Order>()))
        payloads.getPayloads(0).dataString() shouldBe """{"name":"a","qty":1}"""
        DataConverter.default.copy(codecs = listOf(XorCodec())).codecs.size shouldBe 1
    }

    test("failure payloads are encoded through the whole cause chain and restored exactly") {
        fun details(vararg values: String) =
            Payloads.newBuilder().addAllPayloads(values.map { converter.toPayload(it) }).build()

        val failure = Failure.newBuilder()
            .setMessage("Encoded failure")
            .setEncodedAttributes(converter.toPayload(mapOf("message" to "boom", "stack_trace" to "at x")))
            .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("Bad").setDetails(details("d1", "d2")))
            .setCause(
                Failure.newBuilder()
                    .setMessage("timed out")
                    .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setLastHeartbeatDetails(details("hb")))
                    .setCause(
                        Failure.newBuilder()
                            .setMessage("canceled")
                            .setCanceledFailureInfo(CanceledFailureInfo.newBuilder().setDetails(details("c")))
                            .setCause(
                                Failure.newBuilder()
                                    .setMessage("reset")
                                    .setResetWorkflowFailureInfo(
                                        ResetWorkflowFailureInfo.newBuilder().setLastHeartbeatDetails(details("r")),
                                    )
                                    .setCause(
                                        Failure.newBuilder()
                                            .setMessage("no details")
                                            .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("Plain")),
                                    ),
                            ),
                    ),
            )
            .build()

        val codec = XorCodec()
        val encoded = codec.encodeFailure(failure)

        fun allPayloads(f: Failure): List<Payload> = buildList {
            if (f.hasEncodedAttributes()) add(f.encodedAttributes)
            addAll(f.applicationFailureInfo.details.payloadsList)
            addAll(f.timeoutFailureInfo.lastHeartbeatDetails.payloadsList)
            addAll(f.canceledFailureInfo.details.payloadsList)
            addAll(f.resetWorkflowFailureInfo.lastHeartbeatDetails.payloadsList)
            if (f.hasCause()) addAll(allPayloads(f.cause))
        }
        allPayloads(failure).size shouldBe 6
        allPayloads(encoded).map { it.encoding() } shouldContainExactly List(6) { XorCodec.ENCODING }

        // non-payload fields are untouched and absent details stay absent
        encoded.message shouldBe "Encoded failure"
        encoded.applicationFailureInfo.type shouldBe "Bad"
        encoded.cause.cause.cause.message shouldBe "reset"
        encoded.cause.cause.cause.cause.applicationFailureInfo.hasDetails() shouldBe false

        codec.decodeFailure(encoded) shouldBe failure
        PayloadCodecChain(listOf(GzipCodec(), XorCodec())).let { it.decodeFailure(it.encodeFailure(failure)) } shouldBe failure
    }

    test("a failure without payloads is returned unchanged") {
        val failure = Failure.newBuilder().setMessage("plain").setSource("KotlinSDK").build()
        XorCodec().encodeFailure(failure) shouldBe failure
    }

    test("codecs see ByteString data unchanged for non-UTF-8 bytes") {
        val raw = Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/plain"))
            .setData(ByteString.copyFrom(ByteArray(256) { it.toByte() }))
            .build()
        val chain = PayloadCodecChain(listOf(XorCodec(), GzipCodec()))
        chain.decode(chain.encode(listOf(raw))).single().toByteString() shouldBe raw.toByteString()
    }
})
