package dev.temporalkt.converter

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.time.Instant
import java.time.LocalDate
import java.time.OffsetDateTime
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream

@Serializable
data class Order(val name: String, val qty: Int)

/** Same shape as [Order] but without a kotlinx serializer, so Jackson handles it. */
data class PlainOrder(val name: String, val qty: Int)

@Serializable
data class Shipment(val id: String, val orders: List<Order>, val note: String? = null)

@Serializable
data class Renamed(@SerialName("order_id") val orderId: String)

@Serializable
enum class Priority { LOW, HIGH }

/** java.time values have no kotlinx serializer: Jackson with the JSR-310 module handles them. */
data class Schedule(
    val at: Instant,
    val every: java.time.Duration,
    val day: LocalDate,
    val local: OffsetDateTime,
)

fun Payload.metadataStrings(): Map<String, String> = metadataMap.mapValues { it.value.toStringUtf8() }

fun Payload.dataString(): String = data.toStringUtf8()

fun jsonPayload(json: String, encoding: String = PayloadEncodings.JSON_PLAIN): Payload =
    Payload.newBuilder()
        .putMetadata(PayloadEncodings.METADATA_ENCODING, ByteString.copyFromUtf8(encoding))
        .setData(ByteString.copyFromUtf8(json))
        .build()

/** Test "encryption": XOR of the whole serialized payload with a key, marked `binary/xor`. */
class XorCodec(private val key: Byte = 0x5A) : PayloadCodec {
    override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.map { payload ->
        Payload.newBuilder()
            .putMetadata(PayloadEncodings.METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
            .setData(ByteString.copyFrom(xor(payload.toByteArray())))
            .build()
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.map { payload ->
        if (payload.metadataStrings()[PayloadEncodings.METADATA_ENCODING] != ENCODING) {
            payload
        } else {
            Payload.parseFrom(xor(payload.data.toByteArray()))
        }
    }

    private fun xor(bytes: ByteArray) = ByteArray(bytes.size) { (bytes[it].toInt() xor key.toInt()).toByte() }

    companion object {
        const val ENCODING = "binary/xor"
    }
}

/** Gzip of the whole serialized payload, marked `binary/gzip`. */
class GzipCodec : PayloadCodec {
    override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.map { payload ->
        val out = ByteArrayOutputStream()
        GZIPOutputStream(out).use { it.write(payload.toByteArray()) }
        Payload.newBuilder()
            .putMetadata(PayloadEncodings.METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
            .setData(ByteString.copyFrom(out.toByteArray()))
            .build()
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.map { payload ->
        if (payload.metadataStrings()[PayloadEncodings.METADATA_ENCODING] != ENCODING) {
            payload
        } else {
            Payload.parseFrom(GZIPInputStream(ByteArrayInputStream(payload.data.toByteArray())).readBytes())
        }
    }

    companion object {
        const val ENCODING = "binary/gzip"
    }
}
