package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.temporalkt.api.common.v1.Payload;
import dev.temporalkt.samples.EncryptionCodecJava.AesGcmCodec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EncryptionCodecJavaTest {
    @Test
    void theServerStoresCiphertextAndEncodedFailuresWhileTheClientReadsPlaintext() {
        AesGcmCodec codec = new AesGcmCodec(Base64.getDecoder().decode(EncryptionCodecJava.DEMO_KEY), "test-key");
        try (SampleEnvironment environment = SampleServers.embedded(EncryptionCodecJava.clientOptions(codec))) {
            EncryptionCodecJava.Outcome outcome = EncryptionCodecJava.run(environment);
            assertEquals("diagnosis for Alice Smith: healthy", outcome.result());
            assertEquals("binary/encrypted", outcome.storedResultEncoding());
            assertFalse(outcome.storedResultReadable());
            assertEquals("no record for the patient (card 4111-1111)", outcome.failureMessage());
            assertEquals("Encoded failure", outcome.storedFailureMessage());
        }
    }

    @Test
    void aPayloadRoundTripsAndAnotherKeyCannotReadIt() {
        AesGcmCodec codec = new AesGcmCodec(new byte[32], "zeros");
        Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8("\"secret\"")).build();
        Payload sealed = codec.encode(List.of(plain)).get(0);
        assertNotEquals(plain.getData(), sealed.getData());
        assertEquals(plain, codec.decode(List.of(sealed)).get(0));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
            () -> new AesGcmCodec(otherKey, "other").decode(List.of(sealed)));
        assertTrue(wrongKey.getMessage().startsWith("could not decrypt a payload encrypted with key zeros: is TEMPORAL_SAMPLE_ENCRYPTION_KEY the key it was written with?"),
            wrongKey.getMessage());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> new AesGcmCodec(new byte[5], "short"));
        assertEquals("an AES key has 16, 24 or 32 bytes, this one has 5; set TEMPORAL_SAMPLE_ENCRYPTION_KEY to 32 random bytes in base64 (openssl rand -base64 32)",
            shortKey.getMessage());
    }
}
