package dev.temporalkt.common

import java.time.OffsetDateTime

/**
 * The typed name of a search attribute: a [name] registered on the server with a [type], and the
 * Kotlin type [T] of its values. Keys are the only way to read and write [SearchAttributes], so a value
 * of the wrong type does not compile.
 *
 * ```kotlin
 * val CUSTOMER = SearchAttributeKey.forKeyword("CustomerId")
 * val AMOUNT = SearchAttributeKey.forLong("OrderAmount")
 *
 * val attributes = buildSearchAttributes {
 *     this[CUSTOMER] = "c-42"
 *     this[AMOUNT] = 1299L
 * }
 * val amount: Long? = attributes[AMOUNT]
 * ```
 *
 * Two keys are equal when name and type are equal.
 */
public class SearchAttributeKey<T : Any> private constructor(
    /** The attribute name as registered on the server. */
    public val name: String,
    /** The indexed type. */
    public val type: SearchAttributeType,
) {
    init {
        require(name.isNotBlank()) { "A search attribute name must not be blank" }
    }

    /** An update that sets this attribute to [value]. */
    public fun valueSet(value: T): SearchAttributeUpdate<T> = SearchAttributeUpdate.valueSet(this, value)

    /** An update that removes this attribute. */
    public fun valueUnset(): SearchAttributeUpdate<T> = SearchAttributeUpdate.valueUnset(this)

    /**
     * Checks that [value] fits this key at runtime (Java callers and unchecked casts can bypass [T]) and
     * returns it, copying lists so the stored value cannot change afterwards.
     */
    internal fun checkValue(value: Any): T {
        val ok = when (type) {
            SearchAttributeType.TEXT, SearchAttributeType.KEYWORD -> value is String
            SearchAttributeType.INT -> value is Long
            SearchAttributeType.DOUBLE -> value is Double
            SearchAttributeType.BOOL -> value is Boolean
            SearchAttributeType.DATETIME -> value is OffsetDateTime
            SearchAttributeType.KEYWORD_LIST -> value is List<*> && value.all { it is String }
        }
        require(ok) {
            "Search attribute '$name' is of type ${type.metadataName} and cannot hold a value of class " +
                "${value.javaClass.name}" + if (type == SearchAttributeType.KEYWORD_LIST) " (a List<String> is required)" else ""
        }
        if (value is Double) {
            require(value.isFinite()) { "Search attribute '$name' cannot hold $value: only finite numbers can be stored" }
        }
        @Suppress("UNCHECKED_CAST")
        return (if (value is List<*>) value.toList() else value) as T
    }

    override fun equals(other: Any?): Boolean =
        this === other || (other is SearchAttributeKey<*> && other.name == name && other.type == type)

    override fun hashCode(): Int = name.hashCode() * 31 + type.hashCode()

    override fun toString(): String = "SearchAttributeKey($name: ${type.metadataName})"

    /** Key factories, one per indexed type. */
    public companion object {
        /** A full-text searchable string attribute. */
        @JvmStatic
        public fun forText(name: String): SearchAttributeKey<String> = SearchAttributeKey(name, SearchAttributeType.TEXT)

        /** An exact-match string attribute. */
        @JvmStatic
        public fun forKeyword(name: String): SearchAttributeKey<String> =
            SearchAttributeKey(name, SearchAttributeType.KEYWORD)

        /** A 64-bit integer attribute (indexed type `Int`). */
        @JvmStatic
        public fun forLong(name: String): SearchAttributeKey<Long> = SearchAttributeKey(name, SearchAttributeType.INT)

        /** A floating-point attribute. */
        @JvmStatic
        public fun forDouble(name: String): SearchAttributeKey<Double> =
            SearchAttributeKey(name, SearchAttributeType.DOUBLE)

        /** A boolean attribute (indexed type `Bool`). */
        @JvmStatic
        public fun forBoolean(name: String): SearchAttributeKey<Boolean> =
            SearchAttributeKey(name, SearchAttributeType.BOOL)

        /** A timestamp attribute (indexed type `Datetime`). */
        @JvmStatic
        public fun forDatetime(name: String): SearchAttributeKey<OffsetDateTime> =
            SearchAttributeKey(name, SearchAttributeType.DATETIME)

        /** A list-of-keywords attribute. */
        @JvmStatic
        public fun forKeywordList(name: String): SearchAttributeKey<List<String>> =
            SearchAttributeKey(name, SearchAttributeType.KEYWORD_LIST)

        /** The key of [type] named [name], with an unchecked value type; used when decoding. */
        internal fun untyped(name: String, type: SearchAttributeType): SearchAttributeKey<Any> =
            SearchAttributeKey(name, type)
    }
}
