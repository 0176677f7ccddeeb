package dev.temporalkt.samples.encryption

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.DefaultFailureConverter
import dev.temporalkt.converter.PayloadCodec
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

/** Charges a card; cards ending in 0000 are declined. */
class PaymentActivities {
    @Activity
    suspend fun charge(card: String, cents: Long): String {
        if (card.endsWith("0000")) throw ApplicationFailure.nonRetryable("card $card declined for $cents cents", "CardDeclined")
        return "charged $cents cents to $card"
    }
}

/** A payment whose card number travels in arguments, results and failure messages: all of it is sensitive. */
@Workflow
class PaymentWorkflow {
    @WorkflowRun
    suspend fun run(card: String, cents: Long): String = Workflow.executeActivity(
        PaymentActivities::charge, card, cents,
        options = ActivityOptions(startToCloseTimeout = 10.seconds),
    )
}

/**
 * The data converter of every client and worker that handles payments: [codec] encrypts each payload, and the failure
 * converter with `encodeCommonAttributes = true` moves each failure's message and stack trace into a payload, which
 * the codec then encrypts too. A codec alone leaves failure messages and stack traces readable in the history (they are
 * strings of the failure, not payloads).
 */
fun encryptingDataConverter(codec: PayloadCodec): DataConverter =
    DataConverter(failureConverter = DefaultFailureConverter(encodeCommonAttributes = true), codecs = listOf(codec))

/** What the sample observed: the results as the client decoded them, and what the server's history holds. */
data class EncryptionOutcome(val result: String, val error: String, val historyText: String)

/**
 * Runs one payment that succeeds and one that fails on [client] (whose data converter encrypts), and returns the
 * decoded outcomes and the raw text of the failed run's history (as the server stores it).
 */
suspend fun runEncryptedPayments(client: Client, idPrefix: String, taskQueue: String = "payments"): EncryptionOutcome =
    Worker(client, taskQueue, workflows = listOf(PaymentWorkflow::class), activities = listOf(PaymentActivities())).start().use {
        val ok = client.startWorkflow(PaymentWorkflow::run, "4111-1111-1111-1111", 1999L, WorkflowOptions(id = "$idPrefix-ok", taskQueue = taskQueue))
        val declined = client.startWorkflow(PaymentWorkflow::run, "4000-0000-0000-0000", 2500L, WorkflowOptions(id = "$idPrefix-declined", taskQueue = taskQueue))
        val result = ok.result()
        val error = try {
            declined.result()
        } catch (e: WorkflowFailedException) {
            generateSequence<Throwable>(e) { it.cause }.last().message ?: ""
        }
        val history = declined.fetchHistory().events.joinToString("\n", transform = HistoryEvent::toString)
        EncryptionOutcome(result, error, history)
    }

/**
 * Payload encryption with a codec (AES-GCM), including failure messages and stack traces.
 *
 * The key comes from `TEMPORAL_SAMPLE_ENCRYPTION_KEY` (32 bytes, base64: `openssl rand -base64 32`); without it the
 * sample uses a public demo key and says so. The Temporal Web UI and CLI show encrypted payloads as `binary/encrypted`
 * unless pointed at a codec server that decodes them.
 *
 * **A codec alone does not hide failure messages or stack traces**: they are fields of the failure, not payloads. Only
 * `DefaultFailureConverter(encodeCommonAttributes = true)` moves them into a payload that the codec encrypts; the
 * history then says `Encoded failure`.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.encryption.EncryptionSampleKt`.
 */
fun main(): Unit = runBlocking {
    val converter = encryptingDataConverter(AesGcmCodec.fromEnvironment())
    SampleServer.run(ClientOptions(dataConverter = converter)) { client ->
        val id = SampleServer.uniqueId("payment")
        val outcome = runEncryptedPayments(client, id)
        println("Workflow $id-ok returned (decoded by the client): ${outcome.result}")
        println("Workflow $id-declined failed with (decoded by the client): ${outcome.error}")
        println("Its history on the server mentions the card number: ${"4000-0000-0000-0000" in outcome.historyText}; " +
            "payloads are binary/encrypted: ${AesGcmCodec.ENCODING in outcome.historyText}; " +
            "failure messages read 'Encoded failure': ${"Encoded failure" in outcome.historyText}")
    }
}
