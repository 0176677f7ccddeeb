package dev.temporalkt.samples;

import com.google.protobuf.ByteString;
import dev.temporalkt.api.common.v1.Payload;
import dev.temporalkt.api.history.v1.HistoryEvent;
import dev.temporalkt.converter.DefaultFailureConverter;
import dev.temporalkt.failure.ApplicationFailure;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.converter.JavaPayloadCodec;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Payload encryption with a codec: every payload the client and the worker send (workflow inputs and results,
 * activity arguments, memos, failure details) is encrypted with AES-GCM before it leaves the process, so the server
 * and its history see only ciphertext. The sample runs a workflow and then reads its history raw, without the codec,
 * to show the encrypted payloads.
 *
 * <p><b>Failure messages and stack traces are not payloads</b>: a codec alone leaves them readable in the history.
 * The client here also sets {@code failureConverter(new DefaultFailureConverter(true))}, which moves each failure's
 * message and stack trace into an encoded attribute payload that the codec encrypts (the history then shows
 * {@code "Encoded failure"}); the client decodes them back.
 *
 * <p>The key is 32 bytes, base64-encoded, in the {@code TEMPORAL_SAMPLE_ENCRYPTION_KEY} environment variable (for example
 * {@code openssl rand -base64 32}). Without it the sample uses a fixed demo key written below: it is public, so it
 * protects nothing; use it only to try the sample. Every client and worker that reads the data needs the same key.
 *
 * <p>Run: {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.EncryptionCodecJava}
 * (on the embedded test server; see {@link SampleEnvironment} for a real server).
 */
public final class EncryptionCodecJava {
    static final String TASK_QUEUE = "encryption-codec-java";
    /** The environment variable holding the key. */
    public static final String KEY_VARIABLE = "TEMPORAL_SAMPLE_ENCRYPTION_KEY";
    /** The demo key used when the variable is not set: public, for trying the sample only. */
    static final String DEMO_KEY = "dGVtcG9yYWwta3QtZGVtby1rZXktZG8tbm90LXVzZSE=";

    private EncryptionCodecJava() {
    }

    /** AES-GCM encryption of whole payloads: the encrypted payload carries the original one, serialized. */
    public static final class AesGcmCodec implements JavaPayloadCodec {
        static final String ENCODING = "binary/encrypted";
        private static final int NONCE_BYTES = 12;
        private static final int TAG_BITS = 128;
        private final SecretKey key;
        private final String keyId;
        private final SecureRandom random = new SecureRandom();

        /** A codec with {@code key} (16, 24 or 32 bytes), recorded in each payload's metadata as {@code keyId}. */
        public AesGcmCodec(byte[] key, String keyId) {
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, this one has " + key.length
                    + "; set " + KEY_VARIABLE + " to 32 random bytes in base64 (openssl rand -base64 32)");
            }
            this.key = new SecretKeySpec(key, "AES");
            this.keyId = keyId;
        }

        /** The codec with the key from {@code TEMPORAL_SAMPLE_ENCRYPTION_KEY}, or the demo key when it is not set. */
        public static AesGcmCodec fromEnvironment() {
            String configured = System.getenv(KEY_VARIABLE);
            boolean demo = configured == null || configured.isBlank();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(demo ? DEMO_KEY : configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KEY_VARIABLE + " is not base64: " + e.getMessage()
                    + "; set it to 32 random bytes in base64 (openssl rand -base64 32)", e);
            }
            return new AesGcmCodec(key, demo ? "demo-key" : "env-key");
        }

        @Override
        public List<Payload> encode(List<Payload> payloads) {
            return payloads.stream().map(this::encrypt).toList();
        }

        @Override
        public List<Payload> decode(List<Payload> payloads) {
            return payloads.stream().map(this::decrypt).toList();
        }

        private Payload encrypt(Payload payload) {
            try {
                byte[] nonce = new byte[NONCE_BYTES];
                random.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                byte[] sealed = cipher.doFinal(payload.toByteArray());
                return Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
                    .putMetadata("encryption-key-id", ByteString.copyFromUtf8(keyId))
                    .setData(ByteString.copyFrom(nonce).concat(ByteString.copyFrom(sealed)))
                    .build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not encrypt a payload: " + e.getMessage(), e);
            }
        }

        private Payload decrypt(Payload payload) {
            ByteString encoding = payload.getMetadataMap().get("encoding");
            if (encoding == null || !encoding.toStringUtf8().equals(ENCODING)) return payload; // not encrypted by this codec
            byte[] data = payload.getData().toByteArray();
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
                return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
            } catch (GeneralSecurityException | com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("could not decrypt a payload encrypted with key "
                    + payload.getMetadataMap().getOrDefault("encryption-key-id", ByteString.EMPTY).toStringUtf8()
                    + ": is " + KEY_VARIABLE + " the key it was written with? (" + e.getMessage() + ")", e);
            }
        }
    }

    @WorkflowInterface
    public static class SecretWorkflow {
        @WorkflowRun
        public String run(String patient) {
            if (patient.isEmpty()) throw ApplicationFailure.nonRetryable("no record for the patient (card 4111-1111)", "NotFound");
            return "diagnosis for " + patient + ": healthy";
        }
    }

    /** What the sample shows: the decoded results and what the server stored. */
    public record Outcome(String result, String failureMessage, String storedResultEncoding, String storedFailureMessage,
                          boolean storedResultReadable) {
    }

    /** The client options of this sample: the codec, and failure messages and stack traces encoded too. */
    public static ClientOptions clientOptions(AesGcmCodec codec) {
        return ClientOptions.newBuilder()
            .addCodec(codec)
            .failureConverter(new DefaultFailureConverter(true))
            .build();
    }

    /** Runs a workflow that succeeds and one that fails, then shows the stored history. */
    public static Outcome run(SampleEnvironment environment) {
        TemporalClient client = environment.client();
        try (Worker worker = Worker.newBuilder(client, TASK_QUEUE).addWorkflowClass(SecretWorkflow.class).build().start()) {
            WorkflowHandle<String> ok = client.startWorkflow(SecretWorkflow::run, "Alice Smith", options()).join();
            System.out.println("Started workflow " + ok.getWorkflowId());
            String result = ok.getResult().join();
            System.out.println("  result (decoded by the client): " + result);
            Payload stored = completedEvent(ok).getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0);
            String storedEncoding = stored.getMetadataMap().get("encoding").toStringUtf8();
            boolean readable = stored.getData().toStringUtf8().contains("Alice");
            System.out.println("  result as stored by the server: encoding " + storedEncoding + ", "
                + stored.getData().size() + " bytes of ciphertext, contains the name: " + readable);

            WorkflowHandle<String> failing = client.startWorkflow(SecretWorkflow::run, "", options()).join();
            System.out.println("Started workflow " + failing.getWorkflowId());
            String message;
            try {
                failing.getResult().join();
                throw new IllegalStateException("the workflow should have failed");
            } catch (CompletionException e) {
                message = e.getCause().getCause().getMessage();
            }
            System.out.println("  failure (decoded by the client): " + message);
            String storedMessage = completedEvent(failing).getWorkflowExecutionFailedEventAttributes().getFailure().getMessage();
            System.out.println("  failure message as stored by the server: \"" + storedMessage + "\"");
            return new Outcome(result, message, storedEncoding, storedMessage, readable);
        }
    }

    /** The run's closing event, read from the history as the server stores it (the codec decodes only values). */
    private static HistoryEvent completedEvent(WorkflowHandle<String> handle) {
        List<HistoryEvent> events = handle.fetchHistory().join().getEvents();
        return events.get(events.size() - 1);
    }

    private static WorkflowOptions options() {
        return WorkflowOptions.newBuilder().id(SampleEnvironment.workflowId("encrypted")).taskQueue(TASK_QUEUE).build();
    }

    public static void main(String[] args) {
        SampleEnvironment.run(clientOptions(AesGcmCodec.fromEnvironment()), false, EncryptionCodecJava::run);
    }
}
