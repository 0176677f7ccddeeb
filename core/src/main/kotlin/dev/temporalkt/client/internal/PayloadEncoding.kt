@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client.internal

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.internal.PlainKType
import kotlin.reflect.KType

/** Conversions between client values and the payload protos of requests and responses. */
internal object PayloadEncoding {
    private val nullableAny = PlainKType.ANY

    fun header(fields: Map<String, Payload>): Header = Header.newBuilder().putAllFields(fields).build()

    suspend fun memo(converter: DataConverter, values: Map<String, Any?>): Memo {
        val builder = Memo.newBuilder()
        for ((key, value) in values) {
            // Memo values read back from the server (e.g. in a schedule's action) are payloads already.
            if (value is Payload) {
                builder.putFields(key, value)
                continue
            }
            val type = value?.let { PlainKType.starProjected(it.javaClass) } ?: nullableAny
            builder.putFields(key, converter.encodeValue(value, type))
        }
        return builder.build()
    }

    /** Decodes a single result; an empty payload list (a workflow returning nothing) gives `Unit` or `null`. */
    suspend fun decodeResult(converter: DataConverter, payloads: Payloads?, type: KType): Any? {
        if (payloads == null || payloads.payloadsCount == 0) return if (type.isUnit()) Unit else null
        return converter.decode(payloads, listOf(type)).single()
    }
}

/** Whether [this] is `Unit`, compared by Java class (so no kotlin-reflect type is built to compare with). */
private fun KType.isUnit(): Boolean =
    ((this as? PlainKType)?.javaClass ?: (classifier as? kotlin.reflect.KClass<*>)?.java) == Unit::class.java
