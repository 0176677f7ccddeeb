package dev.temporalkt.converter.internal

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadEncodings
import java.util.concurrent.ConcurrentHashMap

private val utf8Cache = ConcurrentHashMap<String, ByteString>()

/** UTF-8 bytes of a metadata value; encodings and message names repeat, so they are cached. */
internal fun metadataBytes(value: String): ByteString =
    utf8Cache[value] ?: ByteString.copyFromUtf8(value).also { if (utf8Cache.size < 4096) utf8Cache[value] = it }

/** Builds a payload with the given encoding, data and optional protobuf message type. */
internal fun newPayload(encoding: String, data: ByteString, messageType: String? = null): Payload {
    val builder = Payload.newBuilder()
        .putMetadata(PayloadEncodings.METADATA_ENCODING, metadataBytes(encoding))
    if (messageType != null) builder.putMetadata(PayloadEncodings.METADATA_MESSAGE_TYPE, metadataBytes(messageType))
    return builder.setData(data).build()
}

/** The payload's `encoding` metadata, or `null` when absent. */
internal fun Payload.encodingOrNull(): String? = metadataMap[PayloadEncodings.METADATA_ENCODING]?.toStringUtf8()

/** The payload's `messageType` metadata, or `null` when absent or empty. */
internal fun Payload.messageTypeOrNull(): String? =
    metadataMap[PayloadEncodings.METADATA_MESSAGE_TYPE]?.toStringUtf8()?.takeIf { it.isNotEmpty() }
