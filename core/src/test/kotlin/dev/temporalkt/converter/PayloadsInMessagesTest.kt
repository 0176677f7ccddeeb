package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.ActivityTaskFailedEventAttributes
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.history.v1.WorkflowExecutionStartedEventAttributes
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe

class PayloadsInMessagesTest : FunSpec({
    val converter = DefaultPayloadConverter()
    fun payloads(vararg values: String) = Payloads.newBuilder().addAllPayloads(values.map { converter.toPayload(it) }).build()

    val started = HistoryEvent.newBuilder()
        .setEventId(1)
        .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        .setWorkflowExecutionStartedEventAttributes(
            WorkflowExecutionStartedEventAttributes.newBuilder()
                .setWorkflowType(WorkflowType.newBuilder().setName("Order"))
                .setInput(payloads("a", "b"))
                .setMemo(Memo.newBuilder().putFields("note", converter.toPayload("memo-value")))
                .setHeader(Header.newBuilder().putFields("trace", converter.toPayload("header-value")))
                .setSearchAttributes(SearchAttributes.newBuilder().putIndexedFields("CustomKeywordField", converter.toPayload("indexed"))),
        )
        .build()
    val failed = HistoryEvent.newBuilder()
        .setEventId(2)
        .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
        .setActivityTaskFailedEventAttributes(
            ActivityTaskFailedEventAttributes.newBuilder().setFailure(
                Failure.newBuilder().setMessage("outer")
                    .setCause(
                        Failure.newBuilder().setMessage("inner")
                            .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setDetails(payloads("deep-detail"))),
                    ),
            ),
        )
        .build()
    val history = History.newBuilder().addEvents(started).addEvents(failed).build()

    test("every payload in a history is encoded except search attributes, and decoding restores the exact message") {
        val codec = XorCodec()
        val encoded = PayloadsInMessages.encode(history, codec)
        val attributes = encoded.getEvents(0).workflowExecutionStartedEventAttributes
        attributes.input.payloadsList.forEachIndexed { i, p -> p shouldNotBe started.workflowExecutionStartedEventAttributes.input.getPayloads(i) }
        attributes.memo.fieldsMap["note"] shouldNotBe started.workflowExecutionStartedEventAttributes.memo.fieldsMap["note"]
        attributes.header.fieldsMap["trace"] shouldNotBe started.workflowExecutionStartedEventAttributes.header.fieldsMap["trace"]
        attributes.searchAttributes shouldBe started.workflowExecutionStartedEventAttributes.searchAttributes
        attributes.workflowType.name shouldBe "Order"
        val wire = encoded.toByteString().toStringUtf8()
        for (secret in listOf("memo-value", "header-value", "deep-detail")) wire.contains(secret) shouldBe false
        wire.contains("indexed") shouldBe true

        PayloadsInMessages.decode(encoded, codec) shouldBe history
    }

    test("payloads of one repeated field reach the codec together and in order") {
        val calls = mutableListOf<Int>()
        PayloadsInMessages.transform(started) { calls += it.size; it }
        calls.sorted() shouldBe listOf(1, 1, 2)
    }

    test("a message type that cannot hold payloads is returned as the same instance") {
        val type = WorkflowType.newBuilder().setName("x").build()
        (PayloadsInMessages.encode(type, XorCodec()) === type) shouldBe true
    }

    test("codecs skip the SDK's own marker data (local activity data, patch data) but reach results and failures") {
        val codec = XorCodec()
        val failure = dev.temporalkt.api.failure.v1.Failure.newBuilder().setMessage("boom")
            .setEncodedAttributes(converter.toPayload("attrs")).build()
        val marker = dev.temporalkt.api.command.v1.RecordMarkerCommandAttributes.newBuilder().setMarkerName("core_local_activity")
            .putDetails("data", payloads("{\"seq\":1}")).putDetails("result", payloads("hi")).setFailure(failure).build()
        val encoded = PayloadsInMessages.encode(marker, codec)
        encoded.detailsMap.getValue("data") shouldBe payloads("{\"seq\":1}")
        (encoded.detailsMap.getValue("result") == payloads("hi")) shouldBe false
        (encoded.failure.encodedAttributes == failure.encodedAttributes) shouldBe false
        PayloadsInMessages.decode(encoded, codec) shouldBe marker

        val patch = dev.temporalkt.api.history.v1.MarkerRecordedEventAttributes.newBuilder().setMarkerName("core_patch")
            .putDetails("patch-data", payloads("{\"id\":\"p\"}")).build()
        PayloadsInMessages.encode(patch, codec) shouldBe patch
        val other = dev.temporalkt.api.history.v1.MarkerRecordedEventAttributes.newBuilder().setMarkerName("custom")
            .putDetails("data", payloads("x")).build()
        (PayloadsInMessages.encode(other, codec) == other) shouldBe false
    }
})
