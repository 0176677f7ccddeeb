package dev.temporalkt.converter

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.converter.PayloadConversionException.Direction
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import kotlin.reflect.typeOf

class ConversionErrorTest : FunSpec({
    val converter = DefaultPayloadConverter()

    fun PayloadConversionException.shouldName(direction: Direction, encoding: String?, typeName: String, reason: String) {
        this.direction shouldBe direction
        this.encoding shouldBe encoding
        this.typeName shouldBe typeName
        this.reason shouldContain reason
        message!! shouldContain "'$typeName'"
        if (encoding != null) message!! shouldContain "'$encoding'"
        message!! shouldContain reason
    }

    test("unknown encoding lists the known encodings") {
        val payload = jsonPayload("xyz", encoding = "binary/encrypted")
        val e = shouldThrow<PayloadConversionException> { converter.fromPayload<Order>(payload) }
        e.shouldName(Direction.DECODE, "binary/encrypted", "dev.temporalkt.converter.Order", "unknown encoding 'binary/encrypted'")
        e.message shouldBe "Cannot decode payload with encoding 'binary/encrypted' into type 'dev.temporalkt.converter.Order': " +
            "unknown encoding 'binary/encrypted'; known encodings: binary/null, binary/plain, json/protobuf, " +
            "binary/protobuf, json/plain. Configure a PayloadCodec that decodes it or an EncodingPayloadConverter for it"
    }

    test("missing encoding metadata") {
        val payload = Payload.newBuilder().setData(ByteString.copyFromUtf8("1")).build()
        val e = shouldThrow<PayloadConversionException> { converter.fromPayload<Int>(payload) }
        e.shouldName(Direction.DECODE, null, "kotlin.Int", "the payload has no 'encoding' metadata")
        e.message shouldBe "Cannot decode payload into type 'kotlin.Int': the payload has no 'encoding' metadata; " +
            "known encodings: binary/null, binary/plain, json/protobuf, binary/protobuf, json/plain"
    }

    test("malformed JSON, read by kotlinx or by Jackson") {
        val payload = jsonPayload("""{"name":"a",""")
        shouldThrow<PayloadConversionException> { converter.fromPayload<Order>(payload) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.Order", "malformed JSON: ")
        shouldThrow<PayloadConversionException> { converter.fromPayload<PlainOrder>(payload) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.PlainOrder", "malformed JSON: ")
    }

    test("kotlinx error messages do not repeat the payload data") {
        val e = shouldThrow<PayloadConversionException> {
            converter.fromPayload<Order>(jsonPayload("""{"name":"top-secret-value","qty":1,"""))
        }
        e.message!! shouldNotContain "top-secret-value"
    }

    test("well-formed JSON of the wrong shape") {
        val wrongField = jsonPayload("""{"name":"a","qty":"many"}""")
        shouldThrow<PayloadConversionException> { converter.fromPayload<Order>(wrongField) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.Order", "JSON does not match the type: ")
        val jackson = shouldThrow<PayloadConversionException> { converter.fromPayload<PlainOrder>(wrongField) }
        jackson.shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.PlainOrder", "JSON does not match the type: ")
        jackson.reason shouldContain "(at \$.qty)"

        val array = jsonPayload("""[{"name":"a","qty":1}]""")
        shouldThrow<PayloadConversionException> { converter.fromPayload<Order>(array) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.Order", "JSON does not match the type: ")
        shouldThrow<PayloadConversionException> { converter.fromPayload<Map<String, List<Order>>>(array) }
            .shouldName(
                Direction.DECODE, "json/plain",
                "kotlin.collections.Map<kotlin.String, kotlin.collections.List<dev.temporalkt.converter.Order>>",
                "JSON does not match the type: ",
            )
        shouldThrow<PayloadConversionException> { converter.fromPayload<Order>(jsonPayload("""{"name":"a"}""")) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.Order", "JSON does not match the type: ")
        // a missing primitive is an error with Jackson too, not a silent 0
        shouldThrow<PayloadConversionException> { converter.fromPayload<PlainOrder>(jsonPayload("""{"name":"a"}""")) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.PlainOrder", "JSON does not match the type: ")
        shouldThrow<PayloadConversionException> { converter.fromPayload<PlainOrder>(jsonPayload("""{"qty":1}""")) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.PlainOrder", "JSON does not match the type: ")
    }

    test("JSON null or no payload value for a non-nullable type") {
        shouldThrow<PayloadConversionException> { converter.fromPayload<PlainOrder>(jsonPayload("null")) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.PlainOrder", "the JSON is null but the type does not accept null")
        shouldThrow<PayloadConversionException> { converter.fromPayload<String>(converter.toPayload<String?>(null)) }
            .shouldName(Direction.DECODE, "binary/null", "kotlin.String", "the payload is null but the type does not accept null")
        shouldThrow<PayloadConversionException> { converter.fromPayload<Order>(jsonPayload("")) }
            .shouldName(Direction.DECODE, "json/plain", "dev.temporalkt.converter.Order", "the payload data is empty")
    }

    test("binary/plain payload into a String") {
        val payload = converter.toPayload(byteArrayOf(1, 2))
        shouldThrow<PayloadConversionException> { converter.fromPayload<String>(payload) }
            .shouldName(Direction.DECODE, "binary/plain", "kotlin.String", "can only be decoded into ByteArray")
        shouldThrow<PayloadConversionException> { converter.fromPayload(payload, String::class.java) }
            .shouldName(Direction.DECODE, "binary/plain", "java.lang.String", "can only be decoded into ByteArray")
    }

    test("protobuf payloads of another message, into a non-message type, or with bad bytes") {
        val execution = converter.toPayload(WorkflowExecution.newBuilder().setWorkflowId("wf").build())
        shouldThrow<PayloadConversionException> { converter.fromPayload<WorkflowType>(execution) }
            .shouldName(
                Direction.DECODE, "json/protobuf", "dev.temporalkt.api.common.v1.WorkflowType",
                "payload holds protobuf message 'temporal.api.common.v1.WorkflowExecution' but the type is message 'temporal.api.common.v1.WorkflowType'",
            )
        shouldThrow<PayloadConversionException> { converter.fromPayload<String>(execution) }
            .shouldName(Direction.DECODE, "json/protobuf", "kotlin.String", "can only be decoded into a generated protobuf message class")
        shouldThrow<PayloadConversionException> { converter.fromPayload<Any>(execution) }
            .shouldName(Direction.DECODE, "json/protobuf", "kotlin.Any", "protobuf message 'temporal.api.common.v1.WorkflowExecution' is not registered")

        val badBytes = Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/protobuf"))
            .setData(ByteString.copyFrom(byteArrayOf(0x0a, 0x7f)))
            .build()
        shouldThrow<PayloadConversionException> { converter.fromPayload<WorkflowType>(badBytes) }
            .shouldName(Direction.DECODE, "binary/protobuf", "dev.temporalkt.api.common.v1.WorkflowType", "invalid protobuf bytes")
        shouldThrow<PayloadConversionException> {
            converter.fromPayload<WorkflowType>(jsonPayload("{\"name\":", PayloadEncodings.JSON_PROTOBUF))
        }.shouldName(Direction.DECODE, "json/protobuf", "dev.temporalkt.api.common.v1.WorkflowType", "invalid protobuf JSON")
    }

    test("too few payloads names the expected and actual counts") {
        val payloads = converter.toPayloads(listOf("a"), listOf(typeOf<String>()))
        val e = shouldThrow<PayloadConversionException> {
            converter.fromPayloads(payloads, listOf(typeOf<String>(), typeOf<Int>()))
        }
        e.shouldName(Direction.DECODE, null, "(kotlin.String, kotlin.Int)", "expected 2 payloads but got 1")
        e.message shouldBe "Cannot decode payload into type '(kotlin.String, kotlin.Int)': expected 2 payloads but got 1; " +
            "the sender passed fewer arguments than declared"
        shouldThrow<PayloadConversionException> { converter.fromPayloads(null, listOf(typeOf<String>())) }
            .reason shouldContain "expected 1 payload but got 0"
    }

    test("a failing payload in a list is reported with its index") {
        val payloads = Payloads.newBuilder()
            .addPayloads(converter.toPayload("ok"))
            .addPayloads(jsonPayload("\"not a number\""))
            .build()
        val e = shouldThrow<PayloadConversionException> {
            converter.fromPayloads(payloads, listOf(typeOf<String>(), typeOf<Int>()))
        }
        e.index shouldBe 1
        e.message!! shouldStartWith "Cannot decode payload at index 1 with encoding 'json/plain' into type 'kotlin.Int': JSON does not match the type"
    }

    test("a value no converter accepts") {
        val nullOnly = DefaultPayloadConverter(listOf(BinaryNullPayloadConverter(), BinaryPlainPayloadConverter()))
        val e = shouldThrow<PayloadConversionException> { nullOnly.toPayload("text") }
        e.shouldName(Direction.ENCODE, null, "kotlin.String", "no payload converter accepts a value of class java.lang.String")
        e.message!! shouldContain "tried encodings binary/null, binary/plain"
    }

    test("a value that does not match its declared type") {
        val e = shouldThrow<PayloadConversionException> { converter.toPayload("text", typeOf<Order>()) }
        e.shouldName(Direction.ENCODE, "json/plain", "dev.temporalkt.converter.Order", "the value of class java.lang.String does not match the type")
    }

    test("a value Jackson cannot serialize") {
        val e = shouldThrow<PayloadConversionException> { converter.toPayload(Exploding()) }
        e.shouldName(
            Direction.ENCODE, "json/plain", "dev.temporalkt.converter.Exploding",
            "Jackson could not serialize dev.temporalkt.converter.Exploding: not available (at \$.value)",
        )
    }

    test("duplicate encodings are rejected when building the converter") {
        val e = shouldThrow<IllegalArgumentException> {
            DefaultPayloadConverter(listOf(JsonPlainPayloadConverter(), JsonPlainPayloadConverter()))
        }
        e.message shouldBe "Encoding converters must have distinct encodings, but these appear more than once: [json/plain]"
    }
})

class Exploding {
    val value: String get() = error("not available")
}
