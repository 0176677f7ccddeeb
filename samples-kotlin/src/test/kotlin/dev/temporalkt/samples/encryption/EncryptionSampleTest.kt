package dev.temporalkt.samples.encryption

import dev.temporalkt.client.ClientOptions
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.samples.SampleTestServer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.util.Base64

class EncryptionSampleTest : FunSpec({
    val codec = AesGcmCodec(ByteArray(32) { (it * 7).toByte() }, "test")

    test("the client decodes results and failures; the server's history holds neither card number nor message") {
        val client = SampleTestServer.clientWith(ClientOptions(dataConverter = encryptingDataConverter(codec)))
        val outcome = runEncryptedPayments(client, SampleTestServer.unique("payment"), SampleTestServer.unique("q"))
        outcome.result shouldBe "charged 1999 cents to 4111-1111-1111-1111"
        outcome.error shouldBe "card 4000-0000-0000-0000 declined for 2500 cents"
        outcome.historyText shouldNotContain "4000-0000"
        outcome.historyText shouldNotContain "declined"
        outcome.historyText shouldContain AesGcmCodec.ENCODING
        outcome.historyText shouldContain "Encoded failure"
    }

    test("a codec alone leaves the failure message readable in the history") {
        val client = SampleTestServer.clientWith(ClientOptions(dataConverter = DataConverter(codecs = listOf(codec))))
        val outcome = runEncryptedPayments(client, SampleTestServer.unique("payment"), SampleTestServer.unique("q"))
        outcome.error shouldBe "card 4000-0000-0000-0000 declined for 2500 cents"
        outcome.historyText shouldContain "card 4000-0000-0000-0000 declined for 2500 cents"
    }

    test("the key comes from the environment, and a bad key is refused with what to do") {
        val key = ByteArray(32) { 1 }
        val fromEnv = AesGcmCodec.fromEnvironment(mapOf(AesGcmCodec.KEY_VARIABLE to Base64.getEncoder().encodeToString(key)))
        val payloads = listOf(dev.temporalkt.api.common.v1.Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build())
        AesGcmCodec(key, "env").decode(fromEnv.encode(payloads)) shouldBe payloads
        shouldThrow<IllegalArgumentException> { AesGcmCodec.fromEnvironment(mapOf(AesGcmCodec.KEY_VARIABLE to "c2hvcnQ=")) }
            .message shouldBe "TEMPORAL_SAMPLE_ENCRYPTION_KEY must hold 32 bytes of key, base64-encoded; it holds 5"
    }
})
