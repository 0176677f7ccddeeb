package dev.temporalkt.common

import dev.temporalkt.api.common.v1.SearchAttributes as SearchAttributesProto

/**
 * An immutable, typed collection of search attribute values, at most one per attribute name.
 *
 * Values are read and written through [SearchAttributeKey]s, so their types are checked at compile time:
 *
 * ```kotlin
 * val CUSTOMER = SearchAttributeKey.forKeyword("CustomerId")
 * val TAGS = SearchAttributeKey.forKeywordList("Tags")
 *
 * val attributes = buildSearchAttributes {
 *     this[CUSTOMER] = "c-42"
 *     this[TAGS] = listOf("vip", "eu")
 * }
 * val more = attributes + (SearchAttributeKey.forBoolean("Rush") to true)
 * val customer: String? = more[CUSTOMER]
 * ```
 *
 * Iteration follows insertion order.
 */
public class SearchAttributes private constructor(
    private val values: Map<String, Entry<*>>,
) : Iterable<SearchAttributes.Entry<*>> {

    /** One attribute: its [key] and [value]. */
    public class Entry<T : Any> internal constructor(
        /** The key. */
        public val key: SearchAttributeKey<T>,
        /** The value. */
        public val value: T,
    ) {
        override fun equals(other: Any?): Boolean = other is Entry<*> && other.key == key && other.value == value
        override fun hashCode(): Int = key.hashCode() * 31 + value.hashCode()
        override fun toString(): String = "${key.name}=$value"
    }

    /** Number of attributes. */
    public val size: Int get() = values.size

    /** Whether there are no attributes. */
    public fun isEmpty(): Boolean = values.isEmpty()

    /** The keys present, in insertion order. */
    public val keys: Set<SearchAttributeKey<*>> get() = values.values.mapTo(LinkedHashSet()) { it.key }

    override fun iterator(): Iterator<Entry<*>> = values.values.iterator()

    /**
     * The value of [key], or `null` when absent.
     *
     * @throws IllegalArgumentException when an attribute of that name is present with another type (for
     *   example read with a keyword key while it was written as text).
     */
    public operator fun <T : Any> get(key: SearchAttributeKey<T>): T? {
        val entry = values[key.name] ?: return null
        require(entry.key.type == key.type) {
            "Search attribute '${key.name}' is of type ${entry.key.type.metadataName}, " +
                "not ${key.type.metadataName}; read it with a ${entry.key.type.metadataName} key"
        }
        @Suppress("UNCHECKED_CAST")
        return entry.value as T
    }

    /** Whether [key] (same name and type) is present. */
    public operator fun contains(key: SearchAttributeKey<*>): Boolean = values[key.name]?.key == key

    /** A copy with [entry] set, replacing any attribute of the same name. */
    public operator fun <T : Any> plus(entry: Pair<SearchAttributeKey<T>, T>): SearchAttributes =
        toBuilder().set(entry.first, entry.second).build()

    /** A copy without the attribute named like [key]. */
    public operator fun minus(key: SearchAttributeKey<*>): SearchAttributes =
        if (key.name in values) toBuilder().unset(key).build() else this

    /** A copy with [updates] applied in order. */
    public fun withUpdates(updates: Iterable<SearchAttributeUpdate<*>>): SearchAttributes {
        val builder = toBuilder()
        for (update in updates) {
            when (update) {
                is SearchAttributeUpdate.ValueSet<*> -> builder.put(Entry(update.key.untypedKey(), update.value))
                is SearchAttributeUpdate.ValueUnset<*> -> builder.unset(update.key)
            }
        }
        return builder.build()
    }

    /**
     * The protobuf form: each value as a `json/plain` payload whose `type` metadata names the indexed
     * type (`Text`, `Keyword`, `Int`, `Double`, `Bool`, `Datetime`, `KeywordList`), as every Temporal SDK
     * writes them. Timestamps are ISO-8601 strings with offset (`"2024-05-01T12:30:00Z"`).
     */
    public fun toProto(): SearchAttributesProto = SearchAttributesProto.newBuilder().also { proto ->
        for (entry in values.values) {
            proto.putIndexedFields(entry.key.name, SearchAttributePayloads.encode(entry.key.type, entry.value))
        }
    }.build()

    /** A builder holding these attributes. */
    public fun toBuilder(): Builder = Builder(LinkedHashMap(values))

    override fun equals(other: Any?): Boolean = other is SearchAttributes && other.values == values

    override fun hashCode(): Int = values.hashCode()

    override fun toString(): String = values.values.joinToString(prefix = "SearchAttributes(", postfix = ")")

    /** Collects attributes; see [buildSearchAttributes]. */
    public class Builder internal constructor(private val values: LinkedHashMap<String, Entry<*>>) {
        /**
         * Sets [key] to [value], replacing any attribute of the same name.
         *
         * @throws IllegalArgumentException when [value] does not fit the key (for example a non-finite
         *   double).
         */
        public operator fun <T : Any> set(key: SearchAttributeKey<T>, value: T): Builder =
            apply { values[key.name] = Entry(key, key.checkValue(value)) }

        /** Removes the attribute named like [key]. */
        public fun unset(key: SearchAttributeKey<*>): Builder = apply { values.remove(key.name) }

        internal fun put(entry: Entry<*>): Builder = apply { values[entry.key.name] = entry }

        /** Creates the collection. */
        public fun build(): SearchAttributes = if (values.isEmpty()) EMPTY else SearchAttributes(LinkedHashMap(values))
    }

    /** Factories and conversion. */
    public companion object {
        /** No attributes. */
        @JvmField
        public val EMPTY: SearchAttributes = SearchAttributes(emptyMap())

        /** An empty builder. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(LinkedHashMap())

        /**
         * Reads attributes from their protobuf form, ordered by name. Entries without `type` metadata (such
         * as unset markers), with an unknown type, or holding null or an empty list are skipped; a
         * single-element list for a scalar type (written by older servers) is read as its element.
         *
         * @throws IllegalArgumentException when a typed entry holds data that does not match its type.
         */
        @JvmStatic
        public fun fromProto(proto: SearchAttributesProto): SearchAttributes {
            val builder = newBuilder()
            for ((name, payload) in proto.indexedFieldsMap.toSortedMap()) {
                val decoded = SearchAttributePayloads.decode(name, payload) ?: continue
                builder.put(decoded)
            }
            return builder.build()
        }
    }
}

/**
 * Builds [SearchAttributes]:
 *
 * ```kotlin
 * val attributes = buildSearchAttributes {
 *     this[SearchAttributeKey.forKeyword("CustomerId")] = "c-42"
 * }
 * ```
 */
public fun buildSearchAttributes(block: SearchAttributes.Builder.() -> Unit): SearchAttributes =
    SearchAttributes.newBuilder().apply(block).build()

@Suppress("UNCHECKED_CAST")
private fun SearchAttributeKey<*>.untypedKey(): SearchAttributeKey<Any> = this as SearchAttributeKey<Any>
