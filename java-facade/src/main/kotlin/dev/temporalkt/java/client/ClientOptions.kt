package dev.temporalkt.java.client

import com.fasterxml.jackson.databind.ObjectMapper
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.converter.FailureConverter
import dev.temporalkt.converter.JsonPlainPayloadConverter
import dev.temporalkt.converter.PayloadCodec
import dev.temporalkt.java.converter.JavaPayloadCodec
import dev.temporalkt.java.internal.JavaTypeRoutingPayloadConverter
import dev.temporalkt.java.internal.toPayloadCodec
import dev.temporalkt.client.ClientInterceptor as KotlinClientInterceptor
import dev.temporalkt.client.ClientOptions as KotlinClientOptions

/**
 * Settings of a [TemporalClient]: the namespace and identity (when they differ from the connection's), how values
 * are converted (the data converter, a Jackson mapper, codecs, a failure converter) and the interceptors that wrap
 * its calls.
 *
 * Values are converted with the SDK's converter, the same as Kotlin code's: `null`, byte arrays and protobuf
 * messages have their own encodings, everything else is JSON: Jackson (with the JSR-310 and JDK 8 modules, so
 * records, POJOs, `java.time` types and `Optional` work) for Java types, kotlinx.serialization for `@Serializable`
 * Kotlin classes. Both sides read each other's payloads, and those of the other Temporal SDKs.
 *
 * ```java
 * ClientOptions options = ClientOptions.newBuilder()
 *     .namespace("orders")
 *     .objectMapper(JsonPlainPayloadConverter.defaultObjectMapper().registerModule(new MoneyModule()))
 *     .addCodec(new EncryptionCodec(key))
 *     .addInterceptor(new TenantInterceptor())
 *     .build();
 * ```
 */
public class ClientOptions private constructor(builder: Builder) {
    /** The namespace of every call, or `null` for the connection's. */
    public val namespace: String? = builder.namespace

    /** The identity recorded for the client's calls, or `null` for the connection's. */
    public val identity: String? = builder.identity

    /**
     * The data converter the client converts with: the one given, with the Jackson mapper, codecs and failure
     * converter given applied to it.
     */
    public val dataConverter: DataConverter = builder.composeDataConverter()

    /** The Java interceptors, outermost first. */
    public val interceptors: List<ClientInterceptor> = builder.interceptors.toList()

    /** The Kotlin interceptors, outermost first, after the Java ones. */
    public val kotlinInterceptors: List<KotlinClientInterceptor> = builder.kotlinInterceptors.toList()

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(this)

    override fun toString(): String =
        "ClientOptions(namespace=$namespace, identity=$identity, dataConverter=$dataConverter, " +
            "interceptors=${interceptors.size + kotlinInterceptors.size})"

    internal fun toKotlin(): KotlinClientOptions {
        val converter = JavaTypeRoutingPayloadConverter.route(dataConverter)
        return KotlinClientOptions(
            namespace = namespace,
            dataConverter = converter,
            interceptors = interceptors.map { ClientInterceptorAdapter(it, converter) } + kotlinInterceptors,
            identity = identity,
        )
    }

    /** Builds [ClientOptions]. */
    public class Builder internal constructor(from: ClientOptions?) {
        internal var namespace: String? = from?.namespace
        internal var identity: String? = from?.identity
        private var dataConverter: DataConverter = from?.dataConverter ?: DataConverter.default
        private var objectMapper: ObjectMapper? = null
        private var failureConverter: FailureConverter? = null
        private val codecs = ArrayList<PayloadCodec>()
        internal val interceptors = ArrayList<ClientInterceptor>(from?.interceptors.orEmpty())
        internal val kotlinInterceptors = ArrayList<KotlinClientInterceptor>(from?.kotlinInterceptors.orEmpty())

        /** Sets the namespace of every call; `null` uses the connection's. */
        public fun namespace(namespace: String?): Builder = apply { this.namespace = namespace }

        /** Sets the identity recorded for the client's calls; `null` uses the connection's. */
        public fun identity(identity: String?): Builder = apply { this.identity = identity }

        /**
         * Sets the data converter (default: the SDK's default converter, no codecs). The mapper, codecs and failure
         * converter set on this builder apply on top of it.
         */
        public fun dataConverter(dataConverter: DataConverter): Builder = apply { this.dataConverter = dataConverter }

        /**
         * Converts JSON payloads with [objectMapper] instead of the default Jackson mapper (start from
         * [JsonPlainPayloadConverter.defaultObjectMapper] to keep the SDK's settings and add modules). Replaces the
         * payload converter of [dataConverter] by the default one with this mapper.
         */
        public fun objectMapper(objectMapper: ObjectMapper): Builder = apply { this.objectMapper = objectMapper }

        /** Converts exceptions to Temporal failures and back with [failureConverter]. */
        public fun failureConverter(failureConverter: FailureConverter): Builder = apply { this.failureConverter = failureConverter }

        /** Adds a codec, applied after those added before when encoding. */
        public fun addCodec(codec: JavaPayloadCodec): Builder = apply { codecs += toPayloadCodec(codec) }

        /** Adds a codec of the Kotlin API, applied after those added before when encoding. */
        public fun addCodec(codec: PayloadCodec): Builder = apply { codecs += codec }

        /** Adds an interceptor; the first added is the outermost (sees calls first). */
        public fun addInterceptor(interceptor: ClientInterceptor): Builder = apply { interceptors += interceptor }

        /** Replaces the Java interceptors. */
        public fun interceptors(interceptors: List<ClientInterceptor>): Builder = apply {
            this.interceptors.clear()
            this.interceptors.addAll(interceptors)
        }

        /**
         * Adds an interceptor of the Kotlin API (`dev.temporalkt.client.ClientInterceptor`), which sees calls after
         * the Java interceptors; one that also implements `dev.temporalkt.worker.WorkerInterceptor` applies to the
         * workers of the client too.
         */
        public fun addKotlinInterceptor(interceptor: KotlinClientInterceptor): Builder = apply { kotlinInterceptors += interceptor }

        /**
         * Creates the settings.
         *
         * @throws IllegalArgumentException when the namespace or identity is blank.
         */
        public fun build(): ClientOptions {
            require(namespace == null || namespace!!.isNotBlank()) { "ClientOptions.namespace must not be blank; use null for the connection's namespace" }
            require(identity == null || identity!!.isNotBlank()) { "ClientOptions.identity must not be blank; use null for the connection's identity" }
            return ClientOptions(this)
        }

        internal fun composeDataConverter(): DataConverter {
            val base = (dataConverter.payloadConverter as? JavaTypeRoutingPayloadConverter)
                ?.let { DataConverter(it.delegate, dataConverter.failureConverter, dataConverter.codecs) }
                ?: dataConverter
            if (objectMapper == null && failureConverter == null && codecs.isEmpty()) return base
            val payloadConverter = objectMapper?.let {
                DefaultPayloadConverter(DefaultPayloadConverter.defaultEncodingConverters(JsonPlainPayloadConverter.defaultJson, it))
            } ?: base.payloadConverter
            return DataConverter(payloadConverter, failureConverter ?: base.failureConverter, base.codecs + codecs)
        }
    }

    /** Factories. */
    public companion object {
        /** A builder with the default settings. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(null)

        /** The default settings: the connection's namespace and identity, the default data converter. */
        @JvmStatic
        public fun defaults(): ClientOptions = newBuilder().build()
    }
}
