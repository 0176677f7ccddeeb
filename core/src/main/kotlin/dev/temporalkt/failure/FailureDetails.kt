package dev.temporalkt.failure

import dev.temporalkt.api.common.v1.Payload
import java.lang.reflect.Type
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * The detail values attached to an [ApplicationFailure], a [CanceledFailure] or the last heartbeat of a
 * [TimeoutFailure].
 *
 * Details exist in two forms:
 * - **values** given when the exception is created in this process ([of], [build]); they are encoded by
 *   the payload converter only when the failure is sent, and [get] returns them as they are;
 * - **payloads** received from the server ([fromPayloads]); [get] decodes them on demand into the type
 *   the caller asks for, because only the caller knows it.
 *
 * The functions that take a payload converter explicitly (encoding the details, decoding one with a given
 * converter, attaching received payloads together with their converter) are extensions in
 * `dev.temporalkt.converter`, where payload conversion lives: `toPayloads(converter)`,
 * `get(index, type, converter)` and `FailureDetails.fromPayloads(payloads, converter)`.
 *
 * ```kotlin
 * throw ApplicationFailure.nonRetryable("card declined", "CardDeclined", Decline(code = "51"))
 *
 * // in the caller:
 * catch (e: ActivityFailure) {
 *     val app = e.cause as ApplicationFailure
 *     val decline: Decline = app.details.get(0)
 * }
 * ```
 */
public class FailureDetails private constructor(
    private val values: List<Any?>?,
    private val valueTypes: List<KType?>?,
    private val encoded: List<Payload>?,
    private val decoder: Decoder?,
) {
    /** How many detail values there are. */
    public val size: Int get() = values?.size ?: encoded!!.size

    /** Whether there are no details. */
    public fun isEmpty(): Boolean = size == 0

    /**
     * The payloads these details were received as, or `null` when they hold values created in this
     * process (use `toPayloads(converter)` from `dev.temporalkt.converter` to encode those).
     */
    public val payloads: List<Payload>? get() = encoded

    /**
     * The payloads of these details: received payloads unchanged, values each encoded with [encodeValue], which
     * gets the value and its static type (`null` when the value was given without one).
     */
    internal fun encode(encodeValue: (value: Any?, type: KType?) -> Payload): List<Payload> {
        encoded?.let { return it }
        val types = valueTypes!!
        return values!!.mapIndexed { index, value -> encodeValue(value, types[index]) }
    }

    /** The detail at [index]: the value itself for details created in this process, else its payload [decode]d. */
    internal fun getOrDecode(index: Int, decode: (Payload) -> Any?): Any? {
        checkIndex(index)
        values?.let { return it[index] }
        return decode(encoded!![index])
    }

    /**
     * The detail at [index] as [type]: the value itself for details created in this process, otherwise the
     * payload decoded with the converter the failure was decoded with.
     *
     * @throws IndexOutOfBoundsException when there is no detail at [index].
     * @throws IllegalStateException when the payloads were attached without a converter; use the overload
     *   taking a payload converter (`dev.temporalkt.converter.get`).
     */
    public fun get(index: Int, type: KType): Any? = getOrDecode(index) { requireDecoder().decode(it, type) }

    /** The detail at [index], decoded into the Java [type] (see [get]). */
    public fun get(index: Int, type: Type): Any? = getOrDecode(index) { requireDecoder().decode(it, type) }

    /** The detail at [index] as an instance of [type], for Java callers (see [get]). */
    public fun <T> get(index: Int, type: Class<T>): T =
        type.cast(getOrDecode(index) { requireDecoder().decode(it, type as Type) })

    /** The detail at [index] as [T] (see [get]). */
    @JvmSynthetic
    @Suppress("UNCHECKED_CAST")
    public inline fun <reified T> get(index: Int = 0): T = get(index, typeOf<T>()) as T

    private fun checkIndex(index: Int) {
        if (index !in 0 until size) {
            throw IndexOutOfBoundsException(
                "No failure detail at index $index: this failure carries $size detail value(s)",
            )
        }
    }

    private fun requireDecoder(): Decoder = decoder ?: throw IllegalStateException(
        "These failure details are payloads attached without a payload converter; " +
            "call get(index, type, converter) with the converter that encoded them",
    )

    override fun toString(): String = if (values != null) {
        "FailureDetails(values=$values)"
    } else {
        "FailureDetails(${encoded!!.size} payload(s))"
    }

    /**
     * Collects detail values together with their static types, so generic values keep their type when
     * encoded. See [FailureDetails.build].
     */
    public class Builder internal constructor() {
        private val values: MutableList<Any?> = mutableListOf()
        private val types: MutableList<KType?> = mutableListOf()

        /** Adds [value], to be encoded as [type]. */
        public fun add(value: Any?, type: KType): Builder = apply {
            values += value
            types += type
        }

        /** Adds [value], to be encoded as its static type [T]. */
        @JvmSynthetic
        public inline fun <reified T> add(value: T): Builder = add(value, typeOf<T>())

        internal fun build(): FailureDetails = FailureDetails(values.toList(), types.toList(), null, null)
    }

    /**
     * Decodes received payloads into the type a caller asks for: the payload converter the details were received
     * with, seen from here (data conversion sits above the failure types, so they do not name it).
     */
    internal interface Decoder {
        fun decode(payload: Payload, type: KType): Any?

        fun decode(payload: Payload, type: Type): Any?
    }

    /** Factories. */
    public companion object {
        /** No details. */
        @JvmField
        public val EMPTY: FailureDetails = FailureDetails(emptyList(), emptyList(), null, null)

        /** Details holding [values], each encoded by its runtime class when the failure is sent. */
        @JvmStatic
        public fun of(vararg values: Any?): FailureDetails =
            if (values.isEmpty()) EMPTY else FailureDetails(values.toList(), values.map { null }, null, null)

        /**
         * Details built with their static types:
         *
         * ```kotlin
         * val details = FailureDetails.build {
         *     add(order)
         *     add<List<LineItem>>(rejected)
         * }
         * ```
         */
        public fun build(block: Builder.() -> Unit): FailureDetails = Builder().apply(block).build()

        /**
         * Details received as [payloads], without a converter: read them with the `get` overload that takes one
         * (`dev.temporalkt.converter.get`), or attach them together with their converter with
         * `FailureDetails.fromPayloads(payloads, converter)` from `dev.temporalkt.converter`.
         */
        @JvmStatic
        public fun fromPayloads(payloads: List<Payload>): FailureDetails = received(payloads, null)

        /** Details received as [payloads]; [get] decodes them with [decoder] (when given) into the requested type. */
        internal fun received(payloads: List<Payload>, decoder: Decoder?): FailureDetails =
            FailureDetails(null, null, payloads.toList(), decoder)
    }
}
