package dev.temporalkt.samples.encryption

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadCodec
import java.security.SecureRandom
import java.util.Base64
import javax.crypto.Cipher
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.SecretKeySpec

/**
 * A payload codec that encrypts every payload with AES-256-GCM: the whole payload (its metadata and data) becomes the
 * ciphertext of a new payload with encoding `binary/encrypted` and the key's id in `encryption-key-id`, so the server
 * (and anyone reading the history) sees neither values nor their types. Payloads with another key id, or not encrypted,
 * pass [decode] unchanged or fail clearly.
 *
 * @param key 32 bytes of key material.
 * @param keyId recorded with each payload, so keys can be rotated (a decoder keeps the old keys by id).
 */
class AesGcmCodec(key: ByteArray, private val keyId: String) : PayloadCodec {
    private val secretKey = SecretKeySpec(key.also { require(it.size == 32) { "AES-256 needs a 32-byte key, got ${it.size} bytes" } }, "AES")
    private val random = SecureRandom()

    override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.map { payload ->
        val nonce = ByteArray(NONCE_BYTES).also(random::nextBytes)
        val cipher = Cipher.getInstance(TRANSFORMATION).apply { init(Cipher.ENCRYPT_MODE, secretKey, GCMParameterSpec(TAG_BITS, nonce)) }
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
            .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
            .setData(ByteString.copyFrom(nonce + cipher.doFinal(payload.toByteArray())))
            .build()
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.map { payload ->
        if (payload.metadataMap["encoding"]?.toStringUtf8() != ENCODING) return@map payload
        val payloadKeyId = payload.metadataMap[KEY_ID]?.toStringUtf8()
        require(payloadKeyId == keyId) { "payload encrypted with key '$payloadKeyId', but this codec has key '$keyId'" }
        val bytes = payload.data.toByteArray()
        val cipher = Cipher.getInstance(TRANSFORMATION)
            .apply { init(Cipher.DECRYPT_MODE, secretKey, GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES)) }
        Payload.parseFrom(cipher.doFinal(bytes, NONCE_BYTES, bytes.size - NONCE_BYTES))
    }

    companion object {
        /** The encoding of encrypted payloads. */
        const val ENCODING: String = "binary/encrypted"

        /** The metadata key naming the key a payload was encrypted with. */
        const val KEY_ID: String = "encryption-key-id"

        /** The environment variable holding the key: 32 bytes, base64-encoded (`openssl rand -base64 32`). */
        const val KEY_VARIABLE: String = "TEMPORAL_SAMPLE_ENCRYPTION_KEY"

        /**
         * A fixed, publicly known key for the demo only, used when [KEY_VARIABLE] is not set. Anyone can decrypt what it
         * encrypted: never use it for real data.
         */
        val DEMO_KEY: ByteArray = ByteArray(32) { it.toByte() }

        /** The codec for [KEY_VARIABLE]'s key, or for [DEMO_KEY] (saying so on standard error) when it is not set. */
        fun fromEnvironment(env: Map<String, String> = System.getenv()): AesGcmCodec {
            val encoded = env[KEY_VARIABLE]
            if (encoded.isNullOrBlank()) {
                System.err.println("$KEY_VARIABLE is not set: encrypting with the public demo key (set it to `openssl rand -base64 32`)")
                return AesGcmCodec(DEMO_KEY, "demo")
            }
            val key = try {
                Base64.getDecoder().decode(encoded.trim())
            } catch (e: IllegalArgumentException) {
                throw IllegalArgumentException("$KEY_VARIABLE must be base64 (`openssl rand -base64 32`): ${e.message}")
            }
            require(key.size == 32) { "$KEY_VARIABLE must hold 32 bytes of key, base64-encoded; it holds ${key.size}" }
            return AesGcmCodec(key, "env")
        }

        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val NONCE_BYTES = 12
        private const val TAG_BITS = 128
    }
}
