package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.WorkflowExecution
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneOffset
import kotlin.reflect.KType
import kotlin.reflect.typeOf

class JsonRoundTripTest : FunSpec({
    val converter = DefaultPayloadConverter()

    fun <T> roundTrip(value: T, type: KType): Any? = converter.fromPayload(converter.toPayload(value, type), type)

    test("generic Kotlin collections of @Serializable classes keep their element types") {
        val orders = listOf(Order("a", 2), Order("b", 3))
        val decoded = roundTrip(orders, typeOf<List<Order>>())
        decoded shouldBe orders
        (decoded as List<*>).forEach { it.shouldBeInstanceOf<Order>() }

        val byCustomer = mapOf("alice" to listOf(Order("a", 1)), "bob" to listOf(Order("b", 2), Order("c", 3)))
        roundTrip(byCustomer, typeOf<Map<String, List<Order>>>()) shouldBe byCustomer

        val shipment = Shipment("s-1", orders, note = "fragile")
        roundTrip(shipment, typeOf<Shipment>()) shouldBe shipment
        roundTrip(setOf(Priority.LOW, Priority.HIGH), typeOf<Set<Priority>>()) shouldBe setOf(Priority.LOW, Priority.HIGH)
        roundTrip("a" to Order("a", 1), typeOf<Pair<String, Order>>()) shouldBe ("a" to Order("a", 1))
    }

    test("nullable values and nullable elements") {
        roundTrip<Order?>(null, typeOf<Order?>()) shouldBe null
        roundTrip<Order?>(Order("a", 1), typeOf<Order?>()) shouldBe Order("a", 1)
        roundTrip(listOf(Order("a", 1), null), typeOf<List<Order?>>()) shouldBe listOf(Order("a", 1), null)
        roundTrip(mapOf("k" to null), typeOf<Map<String, Int?>>()) shouldBe mapOf("k" to null)
        converter.toPayload(listOf(null, 1), typeOf<List<Int?>>()).dataString() shouldBe "[null,1]"
    }

    test("java.time values and data classes holding them go through Jackson") {
        val schedule = Schedule(
            Instant.parse("2024-01-02T03:04:05.123456789Z"),
            Duration.ofHours(36).plusMillis(5),
            LocalDate.of(2024, 2, 29),
            OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(-5)),
        )
        roundTrip(schedule, typeOf<Schedule>()) shouldBe schedule

        val instants = listOf(Instant.parse("2024-01-02T03:04:05Z"), Instant.EPOCH)
        val decoded = roundTrip(instants, typeOf<List<Instant>>()) as List<*>
        decoded shouldBe instants
        decoded.forEach { it.shouldBeInstanceOf<Instant>() }

        roundTrip(mapOf("d" to listOf(LocalDate.of(2024, 1, 2))), typeOf<Map<String, List<LocalDate>>>()) shouldBe
            mapOf("d" to listOf(LocalDate.of(2024, 1, 2)))
        roundTrip(Duration.ofMillis(1500), typeOf<Duration>()) shouldBe Duration.ofMillis(1500)
    }

    test("Jackson-only generic types keep their element types") {
        val plain = listOf(PlainOrder("a", 2))
        val decoded = roundTrip(plain, typeOf<List<PlainOrder>>()) as List<*>
        decoded shouldBe plain
        decoded.single().shouldBeInstanceOf<PlainOrder>()
        roundTrip(mapOf("x" to listOf(PlainOrder("b", 1))), typeOf<Map<String, List<PlainOrder>>>()) shouldBe
            mapOf("x" to listOf(PlainOrder("b", 1)))
    }

    test("untyped values decode into plain JSON structures") {
        val payload = converter.toPayload(Order("a", 2))
        converter.fromPayload<Any?>(payload) shouldBe mapOf("name" to "a", "qty" to 2)
        converter.fromPayload<Map<String, Any?>>(jsonPayload("""{"a":[1,"x",true,null]}""")) shouldBe
            mapOf("a" to listOf(1, "x", true, null))
    }

    test("kotlinx output is read by Jackson and Jackson output by kotlinx") {
        val kotlinxBytes = converter.toPayload(Order("a", 2))
        val jacksonBytes = converter.toPayload(PlainOrder("a", 2))
        kotlinxBytes.data shouldBe jacksonBytes.data

        converter.fromPayload<PlainOrder>(kotlinxBytes) shouldBe PlainOrder("a", 2)
        converter.fromPayload<Order>(jacksonBytes) shouldBe Order("a", 2)

        val kotlinxList = converter.toPayload(listOf(Order("a", 2), Order("b", 3)))
        converter.fromPayload<List<PlainOrder>>(kotlinxList) shouldBe listOf(PlainOrder("a", 2), PlainOrder("b", 3))
        val jacksonMap = converter.toPayload(mapOf("k" to listOf(PlainOrder("c", 4))))
        converter.fromPayload<Map<String, List<Order>>>(jacksonMap) shouldBe mapOf("k" to listOf(Order("c", 4)))
    }

    test("JSON as the Python SDK writes it decodes into Kotlin types") {
        // json.dumps(dataclasses.asdict(...), separators=(",", ":"), sort_keys=True), ensure_ascii escapes
        val python = jsonPayload("""{"id":"s-1","note":"caf\u00e9 \ud83d\ude80","orders":[{"name":"a","qty":2},{"name":"b","qty":3}]}""")
        converter.fromPayload<Shipment>(python) shouldBe
            Shipment("s-1", listOf(Order("a", 2), Order("b", 3)), note = "café \uD83D\uDE80")
        converter.fromPayload<Map<String, Any?>>(python)["note"] shouldBe "café \uD83D\uDE80"

        // unknown keys (a field added on the Python side) are ignored by both libraries
        val withExtra = jsonPayload("""{"name":"a","priority":1,"qty":2}""")
        converter.fromPayload<Order>(withExtra) shouldBe Order("a", 2)
        converter.fromPayload<PlainOrder>(withExtra) shouldBe PlainOrder("a", 2)

        // Python ints into doubles, lists into typed lists
        converter.fromPayload<List<Double>>(jsonPayload("[1,2.5]")) shouldBe listOf(1.0, 2.5)

        // Python's json/protobuf sorts keys
        val proto = jsonPayload("""{"runId":"run-1","workflowId":"wf-1"}""", PayloadEncodings.JSON_PROTOBUF)
        converter.fromPayload<WorkflowExecution>(proto) shouldBe
            WorkflowExecution.newBuilder().setWorkflowId("wf-1").setRunId("run-1").build()
    }

    test("missing optional fields take their Kotlin defaults") {
        converter.fromPayload<Shipment>(jsonPayload("""{"id":"s-2","orders":[]}""")) shouldBe Shipment("s-2", emptyList())
    }

    test("several arguments round-trip through Payloads") {
        val types = listOf(typeOf<String>(), typeOf<List<Order>>(), typeOf<Int?>(), typeOf<Instant>())
        val values = listOf("order-1", listOf(Order("a", 2)), null, Instant.parse("2024-01-02T03:04:05Z"))
        val payloads = converter.toPayloads(values, types)
        payloads.payloadsList.map { it.metadataStrings()["encoding"] } shouldContainExactly
            listOf("json/plain", "json/plain", "binary/null", "json/plain")
        converter.fromPayloads(payloads, types) shouldBe values
    }

    test("extra payloads beyond the declared types are ignored") {
        val payloads = converter.toPayloads(listOf("a", 1, true), listOf(typeOf<String>(), typeOf<Int>(), typeOf<Boolean>()))
        converter.fromPayloads(payloads, listOf(typeOf<String>(), typeOf<Int>())) shouldBe listOf("a", 1)
        converter.fromPayloads(null, emptyList<KType>()) shouldBe emptyList()
    }

    test("a custom Json configuration is honoured") {
        val custom = DefaultPayloadConverter(
            DefaultPayloadConverter.defaultEncodingConverters(
                json = kotlinx.serialization.json.Json(JsonPlainPayloadConverter.defaultJson) { explicitNulls = false },
            ),
        )
        custom.toPayload(Shipment("s-1", emptyList())).dataString() shouldBe """{"id":"s-1","orders":[]}"""
    }

    test("protobuf messages decode into unconstrained types through knownMessages") {
        val execution = WorkflowExecution.newBuilder().setWorkflowId("wf").build()
        val withRegistry = DefaultPayloadConverter(
            listOf(
                BinaryNullPayloadConverter(),
                JsonProtobufPayloadConverter(knownMessages = listOf(WorkflowExecution.getDefaultInstance())),
                JsonPlainPayloadConverter(),
            ),
        )
        withRegistry.fromPayload<Any>(withRegistry.toPayload(execution)) shouldBe execution
        withRegistry.fromPayload<com.google.protobuf.Message>(withRegistry.toPayload(execution)) shouldBe execution
    }

    test("the default Jackson mapper is built only when a value needs Jackson, and a given mapper is used as it is") {
        val json = JsonPlainPayloadConverter()
        json.fromPayload(json.toPayload(listOf(Order("a", 2)), typeOf<List<Order>>()), typeOf<List<Order>>()) shouldBe listOf(Order("a", 2))
        json.fromPayload(json.toPayload("text", typeOf<String>()), typeOf<String>()) shouldBe "text"
        json.hasObjectMapper shouldBe false
        json.toPayload(PlainOrder("p", 1), typeOf<PlainOrder>()).dataString() shouldBe """{"name":"p","qty":1}"""
        json.hasObjectMapper shouldBe true

        val given = JsonPlainPayloadConverter.defaultObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        val indenting = DefaultPayloadConverter(DefaultPayloadConverter.defaultEncodingConverters(objectMapper = given))
        val jsonPlain = indenting.converters.filterIsInstance<JsonPlainPayloadConverter>().single()
        jsonPlain.objectMapper shouldBe given
        indenting.toPayload(PlainOrder("p", 1)).dataString() shouldBe "{\n  \"name\" : \"p\",\n  \"qty\" : 1\n}"
    }
})
