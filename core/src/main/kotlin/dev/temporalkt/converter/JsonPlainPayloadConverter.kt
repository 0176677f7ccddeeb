package dev.temporalkt.converter

import com.fasterxml.jackson.core.JacksonException
import com.fasterxml.jackson.core.exc.StreamReadException
import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonMappingException
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.SerializationFeature
import com.fasterxml.jackson.databind.json.JsonMapper
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule
import com.fasterxml.jackson.module.kotlin.KotlinModule
import com.google.protobuf.ByteString
import com.google.protobuf.UnsafeByteOperations
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.KotlinxEligibility
import dev.temporalkt.converter.internal.TargetType
import dev.temporalkt.converter.internal.newPayload
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.nullable
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializerOrNull
import java.io.IOException
import java.lang.reflect.Type
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KType

/**
 * The `json/plain` encoding: every other value as compact UTF-8 JSON, e.g. `{"name":"a","qty":2}`.
 *
 * Two JSON libraries share the work, chosen per type from the full static type:
 * - **kotlinx.serialization** ([json]) for types it can serialize: `@Serializable` classes and Kotlin
 *   builtins (strings, numbers, booleans, collections, maps, `Pair`, `kotlin.time.Duration`...) made of
 *   them, e.g. `List<Order>` or `Map<String, List<Order>>` when `Order` is `@Serializable`. For a Java
 *   [Type], kotlinx is used only when the type mentions a `@Serializable` class (or one with a contextual
 *   serializer) and otherwise only strings, primitives and `List`/`Set`/`Collection`/`Map`.
 * - **Jackson** ([objectMapper]) for everything else: Java POJOs and records, `java.time` types, Kotlin
 *   data classes without `@Serializable`, `Any`, interfaces that are not `@Serializable`. Jackson decodes
 *   with the full generic type, so `List<Pojo>` yields `Pojo`s.
 *
 * When the static type gives kotlinx nothing to work with (`Any`, an interface) but the value's class is a
 * non-generic `@Serializable` class, that class's serializer is used. Both libraries read each other's
 * output for plain data classes, and read the JSON of the other Temporal SDKs (Python writes
 * `json.dumps(value, separators=(",", ":"), sort_keys=True)`, Java writes Jackson output, TypeScript
 * `JSON.stringify`). Object keys are written in declaration order, not sorted, so bytes for objects can
 * differ from Python's while meaning the same.
 *
 * Decoding `null` JSON into a non-nullable Kotlin type fails; empty data decodes to `null` for nullable
 * types. Malformed JSON and JSON that does not fit the type fail with [PayloadConversionException] saying
 * which of the two happened.
 *
 * ```kotlin
 * val json = Json(JsonPlainPayloadConverter.defaultJson) { classDiscriminator = "kind" }
 * val mapper = JsonPlainPayloadConverter.defaultObjectMapper().registerModule(MyModule())
 * val converter = DefaultPayloadConverter(DefaultPayloadConverter.defaultEncodingConverters(json, mapper))
 * ```
 *
 * @property json the kotlinx.serialization configuration; [defaultJson] encodes default values and
 *   ignores unknown keys, so both sides can add fields.
 * @param objectMapper the Jackson mapper, or `null` for [defaultObjectMapper] (the Kotlin, JSR-310 (ISO-8601
 *   strings, not timestamps) and JDK 8 modules, unknown properties ignored), built the first time a value
 *   needs Jackson: setting Jackson up takes a few hundred milliseconds of a process's start, which
 *   applications whose payloads are all kotlinx-serializable never pay.
 */
public class JsonPlainPayloadConverter(
    public val json: Json = defaultJson,
    objectMapper: ObjectMapper? = null,
) : EncodingPayloadConverter {
    private val mapper: Lazy<ObjectMapper> = if (objectMapper != null) lazyOf(objectMapper) else lazy { defaultObjectMapper() }

    /** The Jackson mapper: the one given to the constructor, or [defaultObjectMapper] built on first read. */
    public val objectMapper: ObjectMapper get() = mapper.value

    /** Whether [objectMapper] exists yet: given, or built because a value needed Jackson. */
    internal val hasObjectMapper: Boolean get() = mapper.isInitialized()

    private val eligibility = KotlinxEligibility(json.serializersModule)
    private val kotlinSerializers = ConcurrentHashMap<KType, Any>()
    /** Answers repeated lookups of the same `KType` instance without hashing it; holds the serializer or [NONE]. */
    private val kotlinSerializersByIdentity = IdentityCache<KType, Any>()
    private val javaSerializers = ConcurrentHashMap<Type, Any>()

    override val encoding: String get() = PayloadEncodings.JSON_PLAIN

    override fun toPayload(value: Any?, type: KType): Payload {
        val target = TargetType.of(type)
        val serializer = serializerFor(type) ?: runtimeSerializer(value)
        return if (serializer != null) encodeKotlinx(serializer, value, target) else encodeJackson(value, target)
    }

    override fun toPayload(value: Any?, type: Type): Payload {
        val target = TargetType.of(type)
        val serializer = serializerFor(type) ?: runtimeSerializer(value)
        return if (serializer != null) encodeKotlinx(serializer, value, target) else encodeJackson(value, target)
    }

    override fun fromPayload(payload: Payload, type: KType): Any? =
        decode(payload, TargetType.of(type), serializerFor(type))

    override fun fromPayload(payload: Payload, type: Type): Any? =
        decode(payload, TargetType.of(type), serializerFor(type))

    private fun decode(payload: Payload, target: TargetType, serializer: KSerializer<Any?>?): Any? {
        if (payload.data.isEmpty) {
            if (target.acceptsNull) return null
            throw decodeError(target, "the payload data is empty")
        }
        val value = if (serializer != null) decodeKotlinx(serializer, payload.data, target) else decodeJackson(payload.data, target)
        if (value == null && !target.acceptsNull) {
            throw decodeError(target, "the JSON is null but the type does not accept null; make the type nullable")
        }
        return value
    }

    @Suppress("UNCHECKED_CAST")
    private fun serializerFor(type: KType): KSerializer<Any?>? {
        kotlinSerializersByIdentity.get(type)?.let { return if (it === NONE) null else it as KSerializer<Any?> }
        val serializer = cached(kotlinSerializers, type) {
            if (eligibility.isEligible(type)) json.serializersModule.serializerOrNull(type) else null
        }
        kotlinSerializersByIdentity.put(type, serializer ?: NONE)
        return serializer
    }

    private fun serializerFor(type: Type): KSerializer<Any?>? =
        cached(javaSerializers, type) {
            if (!eligibility.isEligible(type)) return@cached null
            val serializer = json.serializersModule.serializerOrNull(type) ?: return@cached null
            // Java types carry no nullability: any non-primitive may be null.
            if (type is Class<*> && type.isPrimitive) serializer else serializer.nullable
        }

    private fun runtimeSerializer(value: Any?): KSerializer<Any?>? {
        if (value == null || !eligibility.isSerializableClass(value.javaClass)) return null
        return serializerFor(value.javaClass as Type)
    }

    private fun encodeKotlinx(serializer: KSerializer<Any?>, value: Any?, target: TargetType): Payload {
        val text = try {
            json.encodeToString(serializer, value)
        } catch (e: SerializationException) {
            throw encodeError(target, "kotlinx.serialization could not serialize ${describe(value)}: ${e.withoutInput()}", e)
        } catch (e: ClassCastException) {
            throw encodeError(target, "the value of class ${describe(value)} does not match the type", e)
        } catch (e: IllegalArgumentException) {
            throw encodeError(target, "kotlinx.serialization could not serialize ${describe(value)}: ${e.message}", e)
        }
        return newPayload(encoding, ByteString.copyFromUtf8(text))
    }

    private fun encodeJackson(value: Any?, target: TargetType): Payload {
        val bytes = try {
            objectMapper.writeValueAsBytes(value)
        } catch (e: JacksonException) {
            throw encodeError(target, "Jackson could not serialize ${describe(value)}: ${e.originalMessageOrMessage()}", e)
        }
        return newPayload(encoding, UnsafeByteOperations.unsafeWrap(bytes))
    }

    private fun decodeKotlinx(serializer: KSerializer<Any?>, data: ByteString, target: TargetType): Any? {
        val text = data.toStringUtf8()
        return try {
            json.decodeFromString(serializer, text)
        } catch (e: SerializationException) {
            throw decodeError(target, classify(text) + e.withoutInput(), e)
        } catch (e: IllegalArgumentException) {
            throw decodeError(target, classify(text) + e.message, e)
        }
    }

    private fun decodeJackson(data: ByteString, target: TargetType): Any? {
        val javaType = objectMapper.typeFactory.constructType(target.javaType)
        return try {
            objectMapper.readValue<Any?>(data.newInput(), javaType)
        } catch (e: StreamReadException) {
            throw decodeError(target, MALFORMED + e.originalMessageOrMessage(), e)
        } catch (e: JacksonException) {
            throw decodeError(target, MISMATCH + e.originalMessageOrMessage(), e)
        } catch (e: IOException) {
            throw decodeError(target, MALFORMED + e.message, e)
        }
    }

    /** Tells malformed JSON from well-formed JSON of the wrong shape; runs only when decoding failed. */
    private fun classify(text: String): String =
        try {
            json.parseToJsonElement(text)
            MISMATCH
        } catch (_: SerializationException) {
            MALFORMED
        }

    private fun decodeError(target: TargetType, reason: String, cause: Throwable? = null) =
        PayloadConversionException(Direction.DECODE, encoding, target.name, reason, cause)

    private fun encodeError(target: TargetType, reason: String, cause: Throwable?) =
        PayloadConversionException(Direction.ENCODE, encoding, target.name, reason, cause)

    /** Default configurations, to use as they are or as a starting point. */
    public companion object {
        private const val MALFORMED = "malformed JSON: "
        private const val MISMATCH = "JSON does not match the type: "
        private val NONE = Any()

        /**
         * The default kotlinx.serialization configuration: compact output, default values encoded (so
         * readers without those defaults still see them), unknown keys ignored (so writers can add fields).
         */
        public val defaultJson: Json = Json {
            encodeDefaults = true
            ignoreUnknownKeys = true
        }

        /**
         * Returns a new Jackson mapper configured like the other Temporal SDKs' Jackson converter: Kotlin,
         * JSR-310 and JDK 8 modules; dates, times and durations as ISO-8601 strings (never numeric
         * timestamps) with their offsets kept; unknown properties ignored; trailing content rejected; a missing
         * or null value for a primitive (`Int`, `int`...) rejected instead of silently becoming 0, matching
         * kotlinx.serialization.
         */
        public fun defaultObjectMapper(): ObjectMapper = defaultObjectMapper(includeKotlinModule = true)

        /**
         * [defaultObjectMapper], with the Kotlin module only when [includeKotlinModule]. Without it, the mapper writes
         * and reads Java classes (records, POJOs) the same way and never loads kotlin-reflect, which the Kotlin module
         * uses to inspect every class it meets.
         *
         * ```kotlin
         * val forJavaTypes = JsonPlainPayloadConverter.defaultObjectMapper(includeKotlinModule = false)
         * ```
         */
        public fun defaultObjectMapper(includeKotlinModule: Boolean): ObjectMapper = JsonMapper.builder()
            .apply { if (includeKotlinModule) addModule(KotlinModule.Builder().build()) }
            .addModule(JavaTimeModule())
            .addModule(Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()

        @Suppress("UNCHECKED_CAST")
        private inline fun <K : Any> cached(
            cache: ConcurrentHashMap<K, Any>,
            key: K,
            compute: () -> KSerializer<*>?,
        ): KSerializer<Any?>? {
            val found = cache[key] ?: run {
                val computed: Any = try {
                    compute()
                } catch (_: SerializationException) {
                    null
                } catch (_: IllegalArgumentException) {
                    null
                } ?: NONE
                cache.putIfAbsent(key, computed) ?: computed
            }
            return if (found === NONE) null else found as KSerializer<Any?>
        }

        private fun describe(value: Any?): String = value?.javaClass?.name ?: "null"

        /** Jackson's message without the source excerpt, followed by the JSON path of the failing value. */
        private fun JacksonException.originalMessageOrMessage(): String {
            val base = originalMessage ?: message ?: javaClass.name
            val path = (this as? JsonMappingException)?.path.orEmpty()
            if (path.isEmpty()) return base
            return base + " (at $" + path.joinToString("") { ref -> ref.fieldName?.let { ".$it" } ?: "[${ref.index}]" } + ")"
        }

        /** kotlinx messages end with an excerpt of the input; payload data must not leak into logs. */
        private fun SerializationException.withoutInput(): String =
            (message ?: javaClass.name).substringBefore("\nJSON input:").trim()
    }
}
