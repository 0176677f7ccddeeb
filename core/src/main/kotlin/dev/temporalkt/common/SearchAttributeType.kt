package dev.temporalkt.common

import dev.temporalkt.api.enums.v1.IndexedValueType

/**
 * The indexed type of a search attribute, as registered on the server.
 *
 * [metadataName] is how the type is named in the `type` metadata of search attribute payloads by every
 * Temporal SDK and the server.
 */
public enum class SearchAttributeType(
    /** The name written into the payload's `type` metadata. */
    public val metadataName: String,
) {
    /** Full-text searchable string (`String`). */
    TEXT("Text"),

    /** Exact-match string (`String`). */
    KEYWORD("Keyword"),

    /** 64-bit integer (`Long`). */
    INT("Int"),

    /** Floating-point number (`Double`). */
    DOUBLE("Double"),

    /** Boolean (`Boolean`). */
    BOOL("Bool"),

    /** Timestamp with offset (`java.time.OffsetDateTime`). */
    DATETIME("Datetime"),

    /** List of exact-match strings (`List<String>`). */
    KEYWORD_LIST("KeywordList"),
    ;

    /** The protobuf `IndexedValueType` of this type. */
    public fun toProto(): IndexedValueType = when (this) {
        TEXT -> IndexedValueType.INDEXED_VALUE_TYPE_TEXT
        KEYWORD -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
        INT -> IndexedValueType.INDEXED_VALUE_TYPE_INT
        DOUBLE -> IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE
        BOOL -> IndexedValueType.INDEXED_VALUE_TYPE_BOOL
        DATETIME -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
        KEYWORD_LIST -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST
    }

    /** Lookups. */
    public companion object {
        /** The type whose [metadataName] is [name], or `null` for an unknown name. */
        @JvmStatic
        public fun fromMetadataName(name: String): SearchAttributeType? = entries.firstOrNull { it.metadataName == name }

        /** The type for a protobuf `IndexedValueType`, or `null` for unspecified and unknown values. */
        @JvmStatic
        public fun fromProto(proto: IndexedValueType): SearchAttributeType? = entries.firstOrNull { it.toProto() == proto }
    }
}
