package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneOffset
import kotlin.reflect.typeOf

class GoldenPayloadTest : FunSpec({
    val converter = DefaultPayloadConverter()

    fun jsonGolden(payload: Payload, expectedJson: String) {
        payload.metadataStrings() shouldBe mapOf("encoding" to "json/plain")
        payload.data.toByteArray() shouldBe expectedJson.toByteArray(Charsets.UTF_8)
    }

    test("default converter order matches the other SDKs") {
        converter.encodings shouldBe listOf("binary/null", "binary/plain", "json/protobuf", "binary/protobuf", "json/plain")
    }

    test("null is binary/null with empty data") {
        val payload = converter.toPayload<String?>(null)
        payload.metadataStrings() shouldBe mapOf("encoding" to "binary/null")
        payload.data.size() shouldBe 0
        converter.fromPayload<String?>(payload) shouldBe null
    }

    test("Unit is binary/null and decodes back to Unit") {
        val payload = converter.toPayload(Unit)
        payload.metadataStrings() shouldBe mapOf("encoding" to "binary/null")
        payload.data.size() shouldBe 0
        converter.fromPayload<Unit>(payload) shouldBe Unit
    }

    test("ByteArray is binary/plain with the bytes unchanged") {
        val bytes = byteArrayOf(0, 1, 2, 0x7f, -1)
        val payload = converter.toPayload(bytes)
        payload.metadataStrings() shouldBe mapOf("encoding" to "binary/plain")
        payload.data.toByteArray() shouldBe bytes
        converter.fromPayload<ByteArray>(payload) shouldBe bytes
    }

    test("protobuf message is compact json/protobuf with messageType") {
        val execution = WorkflowExecution.newBuilder().setWorkflowId("wf-1").setRunId("run-1").build()
        val payload = converter.toPayload(execution)
        payload.metadataStrings() shouldBe mapOf(
            "encoding" to "json/protobuf",
            "messageType" to "temporal.api.common.v1.WorkflowExecution",
        )
        payload.dataString() shouldBe """{"workflowId":"wf-1","runId":"run-1"}"""
        converter.fromPayload<WorkflowExecution>(payload) shouldBe execution
    }

    test("protobuf message is binary/protobuf when that converter comes first") {
        val binaryFirst = DefaultPayloadConverter(
            listOf(
                BinaryNullPayloadConverter(),
                BinaryPlainPayloadConverter(),
                BinaryProtobufPayloadConverter(),
                JsonPlainPayloadConverter(),
            ),
        )
        val type = WorkflowType.newBuilder().setName("OrderWorkflow").build()
        val payload = binaryFirst.toPayload(type)
        payload.metadataStrings() shouldBe mapOf(
            "encoding" to "binary/protobuf",
            "messageType" to "temporal.api.common.v1.WorkflowType",
        )
        // field 1, wire type 2 (0x0a), length 13, "OrderWorkflow"
        payload.data.toByteArray() shouldBe byteArrayOf(0x0a, 13) + "OrderWorkflow".toByteArray()
        // the default converter does not encode binary protobuf but decodes it
        converter.fromPayload<WorkflowType>(payload) shouldBe type
    }

    test("strings, numbers and booleans are JSON literals") {
        jsonGolden(converter.toPayload("hello"), "\"hello\"")
        jsonGolden(converter.toPayload("café \"q\" \\ \n"), "\"café \\\"q\\\" \\\\ \\n\"")
        jsonGolden(converter.toPayload(42), "42")
        jsonGolden(converter.toPayload(3_000_000_000L), "3000000000")
        jsonGolden(converter.toPayload(2.5), "2.5")
        jsonGolden(converter.toPayload(true), "true")
        jsonGolden(converter.toPayload<Int?>(7), "7")
    }

    test("kotlinx data class and nested generics are compact JSON") {
        jsonGolden(converter.toPayload(Order("a", 2)), """{"name":"a","qty":2}""")
        jsonGolden(converter.toPayload(listOf(Order("a", 2), Order("b", 3))), """[{"name":"a","qty":2},{"name":"b","qty":3}]""")
        jsonGolden(
            converter.toPayload(mapOf("x" to listOf(Order("a", 2)), "y" to emptyList())),
            """{"x":[{"name":"a","qty":2}],"y":[]}""",
        )
        jsonGolden(
            converter.toPayload(Shipment("s-1", listOf(Order("a", 2)))),
            """{"id":"s-1","orders":[{"name":"a","qty":2}],"note":null}""",
        )
        jsonGolden(converter.toPayload(Priority.HIGH), "\"HIGH\"")
    }

    test("Jackson data class and java.time values are compact ISO JSON") {
        jsonGolden(converter.toPayload(PlainOrder("a", 2)), """{"name":"a","qty":2}""")
        jsonGolden(converter.toPayload(Instant.parse("2024-01-02T03:04:05Z")), "\"2024-01-02T03:04:05Z\"")
        jsonGolden(converter.toPayload(LocalDate.of(2024, 1, 2)), "\"2024-01-02\"")
        jsonGolden(converter.toPayload(Duration.ofMinutes(90)), "\"PT1H30M\"")
        jsonGolden(
            converter.toPayload(
                Schedule(
                    Instant.parse("2024-01-02T03:04:05.123Z"),
                    Duration.ofSeconds(30),
                    LocalDate.of(2024, 1, 2),
                    OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
                ),
            ),
            """{"at":"2024-01-02T03:04:05.123Z","every":"PT30S","day":"2024-01-02","local":"2024-01-02T03:04:05+02:00"}""",
        )
    }

    test("a @Serializable value with a static type of Any still uses its kotlinx serializer") {
        jsonGolden(converter.toPayload<Any>(Renamed("o-1")), """{"order_id":"o-1"}""")
        converter.fromPayload<Renamed>(converter.toPayload<Any>(Renamed("o-1"))) shouldBe Renamed("o-1")
    }

    test("kotlin.time.Duration uses its kotlinx ISO-8601 serializer") {
        val payload = converter.toPayload(kotlin.time.Duration.parse("1h30m"))
        jsonGolden(payload, "\"PT1H30M\"")
        converter.fromPayload<kotlin.time.Duration>(payload) shouldBe kotlin.time.Duration.parse("1h30m")
    }

    test("Java types give the same bytes as Kotlin types") {
        jsonGolden(converter.toPayload(Order("a", 2), Order::class.java), """{"name":"a","qty":2}""")
        jsonGolden(converter.toPayload(listOf("x"), typeOf<List<String>>()), """["x"]""")
        converter.toPayload(null, String::class.java).metadataStrings() shouldBe mapOf("encoding" to "binary/null")
        converter.fromPayload(converter.toPayload(Order("a", 2)), Order::class.java).shouldBeInstanceOf<Order>()
    }
})
