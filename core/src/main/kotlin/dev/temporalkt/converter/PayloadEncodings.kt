package dev.temporalkt.converter

/**
 * Metadata keys and encoding names shared by all Temporal SDKs.
 *
 * Every payload carries its encoding as UTF-8 bytes under the [METADATA_ENCODING] metadata key; protobuf
 * payloads also carry the full protobuf message name under [METADATA_MESSAGE_TYPE]. Codecs that wrap
 * payloads usually set their own encoding (for example `binary/encrypted`) so a reader can tell which
 * payloads it must decode.
 *
 * ```kotlin
 * val encoding = payload.metadataMap[PayloadEncodings.METADATA_ENCODING]?.toStringUtf8()
 * if (encoding == PayloadEncodings.JSON_PLAIN) println(payload.data.toStringUtf8())
 * ```
 */
public object PayloadEncodings {
    /** Metadata key holding the payload encoding, e.g. `json/plain`. */
    public const val METADATA_ENCODING: String = "encoding"

    /** Metadata key holding the full protobuf message name of `json/protobuf` and `binary/protobuf` payloads. */
    public const val METADATA_MESSAGE_TYPE: String = "messageType"

    /** A null value (or Kotlin `Unit`): no data. */
    public const val BINARY_NULL: String = "binary/null"

    /** Raw bytes, taken as they are. */
    public const val BINARY_PLAIN: String = "binary/plain"

    /** A protobuf message in the canonical protobuf JSON mapping. */
    public const val JSON_PROTOBUF: String = "json/protobuf"

    /** A protobuf message in the protobuf binary wire format. */
    public const val BINARY_PROTOBUF: String = "binary/protobuf"

    /** Any other value as UTF-8 JSON. */
    public const val JSON_PLAIN: String = "json/plain"
}
