package dev.temporalkt.common

import dev.temporalkt.api.common.v1.SearchAttributes as SearchAttributesProto

/**
 * A change to one search attribute of a running workflow: set it to a value, or remove it.
 *
 * ```kotlin
 * Workflow.upsertSearchAttributes(
 *     STATUS.valueSet("shipped"),
 *     ASSIGNEE.valueUnset(),
 * )
 * ```
 */
public sealed class SearchAttributeUpdate<T : Any> {
    /** The attribute changed. */
    public abstract val key: SearchAttributeKey<T>

    /** Sets [key] to [value]. */
    public class ValueSet<T : Any> internal constructor(
        override val key: SearchAttributeKey<T>,
        /** The new value. */
        public val value: T,
    ) : SearchAttributeUpdate<T>() {
        override fun equals(other: Any?): Boolean = other is ValueSet<*> && other.key == key && other.value == value
        override fun hashCode(): Int = key.hashCode() * 31 + value.hashCode()
        override fun toString(): String = "ValueSet(${key.name}=$value)"
    }

    /** Removes [key]. */
    public class ValueUnset<T : Any> internal constructor(
        override val key: SearchAttributeKey<T>,
    ) : SearchAttributeUpdate<T>() {
        override fun equals(other: Any?): Boolean = other is ValueUnset<*> && other.key == key
        override fun hashCode(): Int = key.hashCode()
        override fun toString(): String = "ValueUnset(${key.name})"
    }

    /** Factories and conversion. */
    public companion object {
        /**
         * An update setting [key] to [value].
         *
         * @throws IllegalArgumentException when [value] does not fit the key (for example a non-finite
         *   double).
         */
        @JvmStatic
        public fun <T : Any> valueSet(key: SearchAttributeKey<T>, value: T): SearchAttributeUpdate<T> =
            ValueSet(key, key.checkValue(value))

        /** An update removing [key]. */
        @JvmStatic
        public fun <T : Any> valueUnset(key: SearchAttributeKey<T>): SearchAttributeUpdate<T> = ValueUnset(key)

        /**
         * The protobuf form of [updates], as sent in an upsert command: set values are encoded like
         * [SearchAttributes.toProto]; removals are `binary/null` payloads without `type` metadata, which
         * the server reads as "unset". When several updates name the same attribute the last one wins.
         */
        @JvmStatic
        public fun toProto(updates: Iterable<SearchAttributeUpdate<*>>): SearchAttributesProto {
            val fields = LinkedHashMap<String, dev.temporalkt.api.common.v1.Payload>()
            for (update in updates) {
                fields[update.key.name] = when (update) {
                    is ValueSet<*> -> SearchAttributePayloads.encode(update.key.type, update.value)
                    is ValueUnset<*> -> SearchAttributePayloads.unset()
                }
            }
            return SearchAttributesProto.newBuilder().putAllIndexedFields(fields).build()
        }
    }
}
