package dev.temporalkt.java.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.decodeValue
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.java.client.Carrier
import dev.temporalkt.java.client.Parcel
import dev.temporalkt.java.client.Shipment
import dev.temporalkt.java.common.TypeRef
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.Serializable
import java.time.Instant
import java.util.Optional
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/** A Kotlin workflow's payload type of the same shape as the Java record [Parcel]. */
@Serializable
data class KotlinParcel(val sku: String, val quantity: Int)

/** A Kotlin class without `@Serializable`, which Jackson converts with its Kotlin module. */
data class KotlinBox(val isOpen: Boolean, val label: String)

/**
 * Java values travel through the Kotlin client with [JavaKType]s, and the routed converter converts them exactly as the
 * SDK converts Java-typed values: the bytes are those of the converter's `java.lang.reflect.Type` path, Kotlin and Java
 * read each other's payloads, generics keep their element types.
 */
class JavaTypeConversionTest : FunSpec({
    val routed = JavaTypeRoutingPayloadConverter.route(DataConverter.default)
    val plain = DataConverter.default

    fun Payload.text(): String = data.toStringUtf8()

    fun Payload.encoding(): String = metadataMap["encoding"]!!.toStringUtf8()

    test("a JavaKType stands for its Java type, without kotlin-reflect") {
        val listOfParcels = object : TypeRef<MutableList<Parcel>>() {}.type
        val type: KType = JavaKType.of(listOfParcels)
        javaTypeOf(type) shouldBe listOfParcels
        type shouldBeSameInstanceAs JavaKType.of(listOfParcels)
        type.isMarkedNullable shouldBe true
        JavaKType.of(Int::class.java).isMarkedNullable shouldBe false
        type.arguments.single().type shouldBe JavaKType.of(Parcel::class.java)
        type.toString() shouldBe "java.util.List<dev.temporalkt.java.client.Parcel>"
    }

    test("records with java.time, Optional, nested generics and Jackson-annotated enums take the Java path") {
        val shipment = Shipment("s-1", listOf(Parcel("a", 2)), Instant.parse("2024-05-06T07:08:09Z"), Optional.of("fragile"), Carrier.COURIER)
        val payload = runBlocking { routed.encodeValue(shipment, JavaKType.of(Shipment::class.java)) }
        payload.encoding() shouldBe "json/plain"
        payload.text() shouldBe
            """{"id":"s-1","parcels":[{"sku":"a","quantity":2}],"shippedAt":"2024-05-06T07:08:09Z","note":"fragile","carrier":"courier"}"""
        payload shouldBe runBlocking { plain.encodeValue(shipment, Shipment::class.java as java.lang.reflect.Type) }
        runBlocking { routed.decodeValue(payload, JavaKType.of(Shipment::class.java)) } shouldBe shipment
    }

    test("generic results decode with their element types") {
        val type = object : TypeRef<MutableList<Parcel>>() {}.type
        val parcels = listOf(Parcel("a", 1), Parcel("b", 2))
        val payload = runBlocking { routed.encodeValue(parcels, JavaKType.of(type)) }
        payload.text() shouldBe """[{"sku":"a","quantity":1},{"sku":"b","quantity":2}]"""
        val decoded = runBlocking { routed.decodeValue(payload, JavaKType.of(type)) } as List<*>
        decoded shouldBe parcels
        decoded.forEach { (it is Parcel) shouldBe true }
    }

    test("Kotlin payloads read as Java records and Java payloads as Kotlin classes, byte for byte") {
        val fromKotlin = runBlocking { plain.encodeValue(listOf(KotlinParcel("k", 3)), typeOf<List<KotlinParcel>>()) }
        val fromJava = runBlocking { routed.encodeValue(listOf(Parcel("k", 3)), JavaKType.of(object : TypeRef<MutableList<Parcel>>() {}.type)) }
        fromJava shouldBe fromKotlin
        runBlocking { routed.decodeValue(fromKotlin, JavaKType.of(object : TypeRef<MutableList<Parcel>>() {}.type)) } shouldBe listOf(Parcel("k", 3))
        runBlocking { plain.decodeValue<List<KotlinParcel>>(fromJava) } shouldBe listOf(KotlinParcel("k", 3))
        // a @Serializable Kotlin class passed from Java keeps kotlinx.serialization
        val kotlinFromJava = runBlocking { routed.encodeValue(KotlinParcel("j", 1), JavaKType.of(KotlinParcel::class.java)) }
        kotlinFromJava.text() shouldBe """{"sku":"j","quantity":1}"""
    }

    test("primitives, strings, null and byte arrays use their encodings") {
        runBlocking { routed.encodeValue(5, JavaKType.of(Int::class.java)) }.text() shouldBe "5"
        runBlocking { routed.encodeValue("x", JavaKType.of(String::class.java)) }.text() shouldBe "\"x\""
        runBlocking { routed.encodeValue(null, JavaKType.of(Parcel::class.java)) }.encoding() shouldBe "binary/null"
        runBlocking { routed.encodeValue(byteArrayOf(1, 2), JavaKType.of(ByteArray::class.java)) }.encoding() shouldBe "binary/plain"
        val nullPayload = runBlocking { routed.encodeValue(null, JavaKType.of(Parcel::class.java)) }
        runBlocking { routed.decodeValue(nullPayload, JavaKType.of(Parcel::class.java)) } shouldBe null
        shouldThrow<dev.temporalkt.converter.PayloadConversionException> {
            runBlocking { routed.decodeValue(nullPayload, JavaKType.of(Int::class.java)) }
        }
    }

    test("Kotlin classes passed from Java keep Jackson's Kotlin module") {
        val box = KotlinBox(isOpen = true, label = "b")
        val payload = runBlocking { routed.encodeValue(box, JavaKType.of(KotlinBox::class.java)) }
        payload.text() shouldBe """{"isOpen":true,"label":"b"}"""
        payload shouldBe runBlocking { plain.encodeValue(box, typeOf<KotlinBox>()) }
        runBlocking { routed.decodeValue(payload, JavaKType.of(KotlinBox::class.java)) } shouldBe box
        val boxes = object : TypeRef<MutableList<KotlinBox>>() {}.type
        runBlocking { routed.decodeValue(routed.encodeValue(listOf(box), JavaKType.of(boxes)), JavaKType.of(boxes)) } shouldBe listOf(box)
    }

    test("routing keeps Kotlin types on the Kotlin path") {
        val payload = runBlocking { routed.encodeValue(KotlinParcel("k", 1), typeOf<KotlinParcel>()) }
        payload shouldBe runBlocking { plain.encodeValue(KotlinParcel("k", 1), typeOf<KotlinParcel>()) }
        JavaTypeRoutingPayloadConverter.route(routed) shouldBeSameInstanceAs routed
    }
})
