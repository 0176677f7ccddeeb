package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.failure.v1.Failure
import java.lang.reflect.Type
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * Everything that turns values and exceptions into what travels to the server and back: a
 * [payloadConverter] (values ⇄ payloads), a [failureConverter] (exceptions ⇄ failures) and a chain of
 * [codecs] (payloads ⇄ encoded payloads, e.g. compression then encryption).
 *
 * Outgoing data is converted first and then encoded by the codecs in list order; incoming data is decoded
 * by the codecs in reverse order and then converted. With codecs configured, every payload leaving through
 * these helpers, including those inside failures, has passed through the codecs.
 *
 * ```kotlin
 * val dataConverter = DataConverter(codecs = listOf(GzipCodec(), EncryptionCodec(key)))
 * val payloads = dataConverter.encode(listOf(order), listOf(typeOf<Order>()))
 * val (decoded) = dataConverter.decode(payloads, listOf(typeOf<Order>()))
 * ```
 *
 * @property payloadConverter converts values to payloads and back.
 * @property failureConverter converts exceptions to failures and back.
 * @property codecs applied to payloads after conversion, in order (reverse order when decoding).
 */
public class DataConverter(
    public val payloadConverter: PayloadConverter = DefaultPayloadConverter(),
    public val failureConverter: FailureConverter = DefaultFailureConverter(),
    codecs: List<PayloadCodec> = emptyList(),
) {
    /** The codecs, in encoding order. */
    public val codecs: List<PayloadCodec> = codecs.toList()

    /** The codecs as one [PayloadCodec], for payloads that do not go through the helpers below (memos, headers). */
    public val codec: PayloadCodecChain = PayloadCodecChain(this.codecs)

    /** Returns a copy with some parts replaced, e.g. `DataConverter.default.copy(codecs = listOf(myCodec))`. */
    public fun copy(
        payloadConverter: PayloadConverter = this.payloadConverter,
        failureConverter: FailureConverter = this.failureConverter,
        codecs: List<PayloadCodec> = this.codecs,
    ): DataConverter = DataConverter(payloadConverter, failureConverter, codecs)

    /** Converts [values] (static types [types]) to payloads, then applies the codecs. */
    public suspend fun encode(values: List<Any?>, types: List<KType>): Payloads =
        encodePayloads(payloadConverter.toPayloads(values, types))

    /** Java-typed variant of [encode]. */
    @JvmName("encodeWithJavaTypes")
    public suspend fun encode(values: List<Any?>, types: List<Type>): Payloads =
        encodePayloads(payloadConverter.toPayloads(values, types))

    /**
     * Applies the codecs in reverse, then converts [payloads] into one value per entry of [types]. Too few
     * payloads is an error; extra payloads are ignored (see [fromPayloads]).
     */
    public suspend fun decode(payloads: Payloads?, types: List<KType>): List<Any?> =
        payloadConverter.fromPayloads(decodePayloads(payloads), types)

    /** Java-typed variant of [decode]. */
    @JvmName("decodeWithJavaTypes")
    public suspend fun decode(payloads: Payloads?, types: List<Type>): List<Any?> =
        payloadConverter.fromPayloads(decodePayloads(payloads), types)

    /** Converts a single [value] of static type [type] and applies the codecs. */
    public suspend fun encodeValue(value: Any?, type: KType): Payload =
        encodeOne(payloadConverter.toPayload(value, type))

    /** Java-typed variant of [encodeValue]. */
    public suspend fun encodeValue(value: Any?, type: Type): Payload =
        encodeOne(payloadConverter.toPayload(value, type))

    /** Applies the codecs in reverse to a single [payload] and converts it into [type]. */
    public suspend fun decodeValue(payload: Payload, type: KType): Any? =
        payloadConverter.fromPayload(decodeOne(payload), type)

    /** Java-typed variant of [decodeValue]. */
    public suspend fun decodeValue(payload: Payload, type: Type): Any? =
        payloadConverter.fromPayload(decodeOne(payload), type)

    /** Converts [exception] to a failure, then applies the codecs to every payload inside it. */
    public suspend fun encodeFailure(exception: Throwable): Failure {
        val failure = failureConverter.toFailure(exception, payloadConverter)
        return if (codecs.isEmpty()) failure else codec.encodeFailure(failure)
    }

    /** Applies the codecs in reverse to every payload inside [failure], then converts it to an exception. */
    public suspend fun decodeFailure(failure: Failure): Throwable {
        val decoded = if (codecs.isEmpty()) failure else codec.decodeFailure(failure)
        return failureConverter.toException(decoded, payloadConverter)
    }

    /** Applies the codecs, in order, to already converted [payloads]. */
    public suspend fun encodePayloads(payloads: Payloads): Payloads =
        if (codecs.isEmpty() || payloads.payloadsCount == 0) {
            payloads
        } else {
            Payloads.newBuilder().addAllPayloads(codec.encode(payloads.payloadsList)).build()
        }

    /** Applies the codecs, in reverse order, to [payloads]; `null` stays `null`. */
    public suspend fun decodePayloads(payloads: Payloads?): Payloads? =
        if (payloads == null || codecs.isEmpty() || payloads.payloadsCount == 0) {
            payloads
        } else {
            Payloads.newBuilder().addAllPayloads(codec.decode(payloads.payloadsList)).build()
        }

    private suspend fun encodeOne(payload: Payload): Payload =
        if (codecs.isEmpty()) payload else codec.encode(listOf(payload)).single()

    private suspend fun decodeOne(payload: Payload): Payload =
        if (codecs.isEmpty()) payload else codec.decode(listOf(payload)).single()

    /** The shared default instance. */
    public companion object {
        /** Default payload converter and failure converter, no codecs. */
        public val default: DataConverter by lazy { DataConverter() }
    }
}

/** Converts [value] using its reified static type and applies the codecs. */
public suspend inline fun <reified T> DataConverter.encodeValue(value: T): Payload = encodeValue(value, typeOf<T>())

/** Applies the codecs in reverse to [payload] and converts it into the reified type [T]. */
@Suppress("UNCHECKED_CAST")
public suspend inline fun <reified T> DataConverter.decodeValue(payload: Payload): T = decodeValue(payload, typeOf<T>()) as T
