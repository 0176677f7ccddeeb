package dev.temporalkt.converter

import java.util.concurrent.atomic.AtomicReferenceArray

/**
 * A small cache keyed by object identity, put in front of a cache keyed by equality when hashing and
 * comparing keys is expensive (a kotlin-reflect `KType` computes both from its whole structure, while the
 * same `KType` instance usually comes back on every call from the same parameter or call site).
 *
 * Each key has one slot, chosen by its identity hash among [size] slots; storing a key replaces whatever the
 * slot held, so the cache never holds more than [size] entries and a miss only costs a lookup in the cache
 * behind it. Thread-safe: a slot holds an immutable entry that is read and replaced atomically.
 *
 * ```kotlin
 * val byIdentity = IdentityCache<KType, String>()
 * byIdentity.get(type) ?: compute(type).also { byIdentity.put(type, it) }
 * ```
 *
 * @param size number of slots, a power of two.
 */
internal class IdentityCache<K : Any, V : Any>(size: Int = 256) {
    init {
        require(size > 0 && size and (size - 1) == 0) { "IdentityCache size must be a positive power of two, but was $size." }
    }

    private class Entry<K, V>(val key: K, val value: V)

    private val slots = AtomicReferenceArray<Entry<K, V>?>(size)
    private val mask = size - 1

    /** The value stored for this very instance [key], or `null` when its slot holds another key or nothing. */
    fun get(key: K): V? {
        val entry = slots.get(slotOf(key)) ?: return null
        return if (entry.key === key) entry.value else null
    }

    /** Stores [value] for [key], replacing what its slot held. */
    fun put(key: K, value: V) {
        slots.set(slotOf(key), Entry(key, value))
    }

    private fun slotOf(key: K): Int {
        val h = System.identityHashCode(key)
        return (h xor (h ushr 16)) and mask
    }
}
