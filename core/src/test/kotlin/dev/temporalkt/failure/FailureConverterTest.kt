package dev.temporalkt.failure

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.get
import dev.temporalkt.api.enums.v1.ApplicationErrorCategory as ApplicationErrorCategoryProto
import dev.temporalkt.api.enums.v1.RetryState as RetryStateProto
import dev.temporalkt.api.enums.v1.TimeoutType as TimeoutTypeProto
import dev.temporalkt.api.failure.v1.ActivityFailureInfo
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.converter.DefaultFailureConverter
import dev.temporalkt.converter.TestJsonPayloadConverter
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonPrimitive
import java.util.concurrent.CancellationException
import kotlin.time.Duration.Companion.milliseconds

@Serializable
data class Decline(val code: String)

private fun Payload.text(): String = data.toStringUtf8()

private fun Payload.metadataText(): Map<String, String> = metadataMap.mapValues { it.value.toStringUtf8() }

private fun jsonPlain(json: String): Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
    .setData(ByteString.copyFromUtf8(json))
    .build()

/**
 * Frames compared by what the JVM frame format carries: class, method, file and line; native frames and
 * frames without a file carry no location.
 */
private fun Array<StackTraceElement>.wireView(): List<String> = map {
    val location = when {
        it.isNativeMethod -> "native"
        it.fileName == null -> "unknown"
        else -> "${it.fileName}:${it.lineNumber}"
    }
    "${it.className}|${it.methodName}|$location"
}

class FailureConverterTest : FunSpec({
    val payloads = TestJsonPayloadConverter()
    val converter = DefaultFailureConverter()

    test("an application failure caused by a timeout caused by a plain exception survives the round trip") {
        val root = IllegalStateException("inventory row locked")
        val timeout = TimeoutFailure(
            "activity heartbeat timed out",
            TimeoutType.HEARTBEAT,
            FailureDetails.of("progress-7"),
            root,
        )
        val app = ApplicationFailure(
            "order rejected",
            type = "OrderRejected",
            nonRetryable = true,
            details = FailureDetails.build {
                add("sku-1")
                add(3)
            },
            nextRetryDelay = 1500.milliseconds,
            category = ApplicationErrorCategory.BENIGN,
            cause = timeout,
        )

        val proto = converter.toFailure(app, payloads)

        proto.source shouldBe "KotlinSDK"
        proto.message shouldBe "order rejected"
        proto.hasEncodedAttributes() shouldBe false
        val top = app.stackTrace[0]
        proto.stackTrace.lines() shouldHaveSize app.stackTrace.size
        proto.stackTrace.lines()[0] shouldBe "${top.className}.${top.methodName}(${top.fileName}:${top.lineNumber})"
        proto.failureInfoCase shouldBe Failure.FailureInfoCase.APPLICATION_FAILURE_INFO
        with(proto.applicationFailureInfo) {
            type shouldBe "OrderRejected"
            nonRetryable shouldBe true
            details.payloadsList.map { it.text() } shouldBe listOf("\"sku-1\"", "3")
            details.payloadsList.map { it.metadataText() } shouldBe List(2) { mapOf("encoding" to "json/plain") }
            nextRetryDelay.seconds shouldBe 1
            nextRetryDelay.nanos shouldBe 500_000_000
            category shouldBe ApplicationErrorCategoryProto.APPLICATION_ERROR_CATEGORY_BENIGN
        }
        with(proto.cause) {
            source shouldBe "KotlinSDK"
            message shouldBe "activity heartbeat timed out"
            timeoutFailureInfo.timeoutType shouldBe TimeoutTypeProto.TIMEOUT_TYPE_HEARTBEAT
            timeoutFailureInfo.lastHeartbeatDetails.payloadsList.map { it.text() } shouldBe listOf("\"progress-7\"")
        }
        with(proto.cause.cause) {
            source shouldBe "KotlinSDK"
            message shouldBe "inventory row locked"
            applicationFailureInfo.type shouldBe "IllegalStateException"
            applicationFailureInfo.nonRetryable shouldBe false
            applicationFailureInfo.hasDetails() shouldBe false
            applicationFailureInfo.hasNextRetryDelay() shouldBe false
            hasCause() shouldBe false
        }

        val back = converter.toException(proto, payloads).shouldBeInstanceOf<ApplicationFailure>()
        back.message shouldBe "order rejected"
        back.type shouldBe "OrderRejected"
        back.nonRetryable shouldBe true
        back.details.size shouldBe 2
        back.details<String>(0) shouldBe "sku-1"
        back.details<Int>(1) shouldBe 3
        back.nextRetryDelay shouldBe 1500.milliseconds
        back.category shouldBe ApplicationErrorCategory.BENIGN
        back.failure shouldBeSameInstanceAs proto
        back.remoteStackTrace shouldBe proto.stackTrace
        back.stackTrace.wireView() shouldBe app.stackTrace.wireView()

        val backTimeout = back.cause.shouldBeInstanceOf<TimeoutFailure>()
        backTimeout.message shouldBe "activity heartbeat timed out"
        backTimeout.timeoutType shouldBe TimeoutType.HEARTBEAT
        backTimeout.lastHeartbeatDetails.get<String>() shouldBe "progress-7"
        backTimeout.failure shouldBe proto.cause
        backTimeout.stackTrace.wireView() shouldBe timeout.stackTrace.wireView()

        val backRoot = backTimeout.cause.shouldBeInstanceOf<ApplicationFailure>()
        backRoot.message shouldBe "inventory row locked"
        backRoot.type shouldBe "IllegalStateException"
        backRoot.nonRetryable shouldBe false
        backRoot.details.isEmpty() shouldBe true
        backRoot.nextRetryDelay.shouldBeNull()
        backRoot.category shouldBe ApplicationErrorCategory.UNSPECIFIED
        backRoot.stackTrace.wireView() shouldBe root.stackTrace.wireView()
        backRoot.cause.shouldBeNull()

        converter.toFailure(back, payloads) shouldBe proto
    }

    test("an activity failure chain keeps every activity field and the typed details of its cause") {
        val activity = ActivityFailure(
            message = "Activity task failed",
            scheduledEventId = 5,
            startedEventId = 6,
            identity = "worker-1@host",
            activityType = "Charge",
            activityId = "act-1",
            retryState = RetryState.NON_RETRYABLE_FAILURE,
            cause = ApplicationFailure.nonRetryable("card declined", "CardDeclined", Decline("51")),
        )

        val proto = converter.toFailure(activity, payloads)

        proto.message shouldBe "Activity task failed"
        with(proto.activityFailureInfo) {
            scheduledEventId shouldBe 5
            startedEventId shouldBe 6
            identity shouldBe "worker-1@host"
            activityType.name shouldBe "Charge"
            activityId shouldBe "act-1"
            retryState shouldBe RetryStateProto.RETRY_STATE_NON_RETRYABLE_FAILURE
        }
        proto.cause.applicationFailureInfo.type shouldBe "CardDeclined"
        proto.cause.applicationFailureInfo.nonRetryable shouldBe true
        proto.cause.applicationFailureInfo.details.payloadsList.map { it.text() } shouldBe listOf("""{"code":"51"}""")

        val back = converter.toException(proto, payloads).shouldBeInstanceOf<ActivityFailure>()
        back.message shouldBe "Activity task failed"
        back.scheduledEventId shouldBe 5
        back.startedEventId shouldBe 6
        back.identity shouldBe "worker-1@host"
        back.activityType shouldBe "Charge"
        back.activityId shouldBe "act-1"
        back.retryState shouldBe RetryState.NON_RETRYABLE_FAILURE
        val cause = back.cause.shouldBeInstanceOf<ApplicationFailure>()
        cause.message shouldBe "card declined"
        cause.type shouldBe "CardDeclined"
        cause.nonRetryable shouldBe true
        cause.details<Decline>() shouldBe Decline("51")
        cause.details.get(0, Decline::class.java) shouldBe Decline("51")
    }

    test("child workflow, Nexus, canceled, terminated, server and reset failures convert both ways") {
        val child = ChildWorkflowFailure(
            message = "Child workflow execution failed",
            namespace = "orders",
            workflowId = "child-1",
            runId = "run-9",
            workflowType = "Shipment",
            initiatedEventId = 11,
            startedEventId = 12,
            retryState = RetryState.TIMEOUT,
            cause = TerminatedFailure("terminated by operator", identity = "ops-cli"),
        )
        val childProto = converter.toFailure(child, payloads)
        with(childProto.childWorkflowExecutionFailureInfo) {
            namespace shouldBe "orders"
            workflowExecution.workflowId shouldBe "child-1"
            workflowExecution.runId shouldBe "run-9"
            workflowType.name shouldBe "Shipment"
            initiatedEventId shouldBe 11
            startedEventId shouldBe 12
            retryState shouldBe RetryStateProto.RETRY_STATE_TIMEOUT
        }
        childProto.cause.terminatedFailureInfo.identity shouldBe "ops-cli"
        val childBack = converter.toException(childProto, payloads).shouldBeInstanceOf<ChildWorkflowFailure>()
        childBack.namespace shouldBe "orders"
        childBack.workflowId shouldBe "child-1"
        childBack.runId shouldBe "run-9"
        childBack.workflowType shouldBe "Shipment"
        childBack.initiatedEventId shouldBe 11
        childBack.startedEventId shouldBe 12
        childBack.retryState shouldBe RetryState.TIMEOUT
        childBack.cause.shouldBeInstanceOf<TerminatedFailure>().identity shouldBe "ops-cli"
        childBack.cause!!.message shouldBe "terminated by operator"

        val nexus = NexusOperationFailure(
            message = "nexus operation failed",
            endpoint = "payments-endpoint",
            service = "Payments",
            operation = "charge",
            operationToken = "token-1",
            scheduledEventId = 21,
            cause = NexusHandlerFailure("handler refused", "BAD_REQUEST", NexusHandlerRetryBehavior.NON_RETRYABLE),
        )
        val nexusProto = converter.toFailure(nexus, payloads)
        with(nexusProto.nexusOperationExecutionFailureInfo) {
            endpoint shouldBe "payments-endpoint"
            service shouldBe "Payments"
            operation shouldBe "charge"
            operationToken shouldBe "token-1"
            scheduledEventId shouldBe 21
        }
        nexusProto.cause.nexusHandlerFailureInfo.type shouldBe "BAD_REQUEST"
        val nexusBack = converter.toException(nexusProto, payloads).shouldBeInstanceOf<NexusOperationFailure>()
        nexusBack.endpoint shouldBe "payments-endpoint"
        nexusBack.service shouldBe "Payments"
        nexusBack.operation shouldBe "charge"
        nexusBack.operationToken shouldBe "token-1"
        nexusBack.scheduledEventId shouldBe 21
        val handler = nexusBack.cause.shouldBeInstanceOf<NexusHandlerFailure>()
        handler.type shouldBe "BAD_REQUEST"
        handler.retryBehavior shouldBe NexusHandlerRetryBehavior.NON_RETRYABLE

        val canceledProto = converter.toFailure(CanceledFailure("cancelled", FailureDetails.of("why"), "client-7"), payloads)
        canceledProto.canceledFailureInfo.details.payloadsList.map { it.text() } shouldBe listOf("\"why\"")
        canceledProto.canceledFailureInfo.identity shouldBe "client-7"
        val canceled = converter.toException(canceledProto, payloads).shouldBeInstanceOf<CanceledFailure>()
        canceled.details.get<String>() shouldBe "why"
        canceled.identity shouldBe "client-7"

        val serverProto = converter.toFailure(ServerFailure("history too large", nonRetryable = true), payloads)
        serverProto.serverFailureInfo.nonRetryable shouldBe true
        converter.toException(serverProto, payloads).shouldBeInstanceOf<ServerFailure>().nonRetryable shouldBe true

        val resetProto = converter.toFailure(ResetWorkflowFailure("reset", FailureDetails.of(42)), payloads)
        resetProto.resetWorkflowFailureInfo.lastHeartbeatDetails.payloadsList.map { it.text() } shouldBe listOf("42")
        converter.toException(resetProto, payloads).shouldBeInstanceOf<ResetWorkflowFailure>()
            .lastHeartbeatDetails.get<Int>() shouldBe 42
    }

    test("encoded common attributes move message and stack trace of every level into a json/plain payload") {
        val app = ApplicationFailure("card 4111 declined", type = "CardDeclined", cause = IllegalArgumentException("pan 4111"))
        val plain = DefaultFailureConverter(encodeCommonAttributes = false).toFailure(app, payloads)
        val encoded = DefaultFailureConverter(encodeCommonAttributes = true).toFailure(app, payloads)

        plain.message shouldBe "card 4111 declined"
        plain.hasEncodedAttributes() shouldBe false
        plain.cause.message shouldBe "pan 4111"

        encoded.message shouldBe "Encoded failure"
        encoded.stackTrace shouldBe ""
        encoded.source shouldBe "KotlinSDK"
        encoded.applicationFailureInfo.type shouldBe "CardDeclined"
        encoded.encodedAttributes.metadataText() shouldBe mapOf("encoding" to "json/plain")
        encoded.encodedAttributes.text() shouldBe
            """{"message":"card 4111 declined","stack_trace":${JsonPrimitive(plain.stackTrace)}}"""
        encoded.cause.message shouldBe "Encoded failure"
        encoded.cause.stackTrace shouldBe ""
        encoded.cause.encodedAttributes.text() shouldBe
            """{"message":"pan 4111","stack_trace":${JsonPrimitive(plain.cause.stackTrace)}}"""

        // Decoding reads encoded attributes whatever the converter's own setting.
        val back = converter.toException(encoded, payloads).shouldBeInstanceOf<ApplicationFailure>()
        back.message shouldBe "card 4111 declined"
        back.remoteStackTrace shouldBe plain.stackTrace
        back.stackTrace.wireView() shouldBe app.stackTrace.wireView()
        back.failure shouldBeSameInstanceAs encoded
        back.cause!!.message shouldBe "pan 4111"
        back.cause.shouldBeInstanceOf<ApplicationFailure>().type shouldBe "IllegalArgumentException"
    }

    test("a relayed plain-text failure is encoded at every level when encoding is on") {
        val plain = converter.toFailure(ApplicationFailure("outer", cause = IllegalStateException("inner")), payloads)
        val relayed = converter.toException(plain, payloads)

        DefaultFailureConverter().toFailure(relayed, payloads) shouldBe plain
        val encoded = DefaultFailureConverter(encodeCommonAttributes = true).toFailure(relayed, payloads)
        encoded.message shouldBe "Encoded failure"
        encoded.cause.message shouldBe "Encoded failure"
        encoded.encodedAttributes.text() shouldStartWith """{"message":"outer","stack_trace":"""
        encoded.cause.encodedAttributes.text() shouldStartWith """{"message":"inner","stack_trace":"""
        converter.toException(encoded, payloads).cause!!.message shouldBe "inner"
    }

    test("a plain exception becomes a retryable application failure typed with its simple class name") {
        val proto = converter.toFailure(IllegalArgumentException("bad sku"), payloads)
        proto.message shouldBe "bad sku"
        proto.applicationFailureInfo.type shouldBe "IllegalArgumentException"
        proto.applicationFailureInfo.nonRetryable shouldBe false
        proto.hasCause() shouldBe false

        converter.toFailure(UnsupportedOperationException(), payloads).message shouldBe ""

        val anonymous = object : RuntimeException("anonymous") {}
        converter.toFailure(anonymous, payloads).applicationFailureInfo.type shouldBe anonymous.javaClass.name

        val cancelled = converter.toFailure(CancellationException("scope cancelled"), payloads)
        cancelled.failureInfoCase shouldBe Failure.FailureInfoCase.CANCELED_FAILURE_INFO
        cancelled.message shouldBe "scope cancelled"
        converter.toException(cancelled, payloads).shouldBeInstanceOf<CanceledFailure>()
    }

    test("a cause cycle is cut instead of recursing forever") {
        val first = IllegalStateException("first")
        val second = IllegalArgumentException("second", first)
        first.initCause(second)

        val proto = converter.toFailure(first, payloads)
        proto.message shouldBe "first"
        proto.cause.message shouldBe "second"
        proto.cause.hasCause() shouldBe false
    }

    test("a failure as the Python SDK sends it, wrapped by the server in an activity failure, decodes") {
        val pythonTraceback = "  File \"/app/activities.py\", line 12, in charge\n" +
            "    raise ApplicationError(\"Payment declined\", type=\"PaymentDeclined\")\n"
        val fromPython = Failure.newBuilder()
            .setMessage("Encoded failure")
            .setEncodedAttributes(
                jsonPlain("""{"message":"Payment declined","stack_trace":${JsonPrimitive(pythonTraceback)}}"""),
            )
            .setApplicationFailureInfo(
                ApplicationFailureInfo.newBuilder()
                    .setType("PaymentDeclined")
                    .setNonRetryable(true)
                    .setDetails(Payloads.newBuilder().addPayloads(jsonPlain("""{"code":"05"}"""))),
            )
            .setCause(
                Failure.newBuilder()
                    .setMessage("gateway said no")
                    .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("ValueError")),
            )
            .build()
        val fromServer = Failure.newBuilder()
            .setMessage("Activity task failed")
            .setActivityFailureInfo(
                ActivityFailureInfo.newBuilder()
                    .setScheduledEventId(5)
                    .setStartedEventId(6)
                    .setIdentity("1234@py-host")
                    .setActivityType(ActivityType.newBuilder().setName("charge"))
                    .setActivityId("1")
                    .setRetryState(RetryStateProto.RETRY_STATE_NON_RETRYABLE_FAILURE),
            )
            .setCause(fromPython)
            .build()

        val activity = converter.toException(fromServer, payloads).shouldBeInstanceOf<ActivityFailure>()
        activity.activityType shouldBe "charge"
        activity.identity shouldBe "1234@py-host"
        activity.retryState shouldBe RetryState.NON_RETRYABLE_FAILURE
        activity.stackTrace shouldHaveSize 0

        val app = activity.cause.shouldBeInstanceOf<ApplicationFailure>()
        app.message shouldBe "Payment declined"
        app.type shouldBe "PaymentDeclined"
        app.nonRetryable shouldBe true
        app.details<Decline>() shouldBe Decline("05")
        app.remoteStackTrace shouldBe pythonTraceback
        app.stackTrace.map { it.className to it.methodName } shouldBe listOf(
            "remote" to "File \"/app/activities.py\", line 12, in charge",
            "remote" to "raise ApplicationError(\"Payment declined\", type=\"PaymentDeclined\")",
        )

        val root = app.cause.shouldBeInstanceOf<ApplicationFailure>()
        root.message shouldBe "gateway said no"
        root.type shouldBe "ValueError"
        root.cause.shouldBeNull()
    }

    test("a Java SDK stack trace becomes real stack frames") {
        val fromJava = Failure.newBuilder()
            .setSource("JavaSDK")
            .setMessage("boom")
            .setStackTrace(
                "com.example.Charge.run(Charge.java:42)\n" +
                    "com.example.Charge${'$'}${'$'}Lambda${'$'}14/0x0000000800c03000.accept(Unknown Source)\n" +
                    "jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n" +
                    "java.base/java.lang.Thread.run(Thread.java:833)\n",
            )
            .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("java.lang.IllegalStateException"))
            .build()

        val back = converter.toException(fromJava, payloads).shouldBeInstanceOf<ApplicationFailure>()
        back.type shouldBe "java.lang.IllegalStateException"
        back.stackTrace.wireView() shouldBe listOf(
            "com.example.Charge|run|Charge.java:42",
            "com.example.Charge${'$'}${'$'}Lambda${'$'}14/0x0000000800c03000|accept|unknown",
            "jdk.internal.reflect.NativeMethodAccessorImpl|invoke0|native",
            "java.lang.Thread|run|Thread.java:833",
        )
    }

    test("a failure without a known failure info becomes a GenericFailure and is relayed unchanged") {
        val unknown = Failure.newBuilder().setSource("GoSDK").setMessage("mystery").setStackTrace("main.go:12").build()
        val back = converter.toException(unknown, payloads).shouldBeInstanceOf<GenericFailure>()
        back.message shouldBe "mystery"
        back.stackTrace.map { it.className to it.methodName } shouldBe listOf("GoSDK" to "main.go:12")
        converter.toFailure(back, payloads) shouldBeSameInstanceAs unknown
    }

    test("failure details explain out-of-range indexes and missing converters") {
        val details = FailureDetails.fromPayloads(listOf(jsonPlain("1")))
        shouldThrow<IndexOutOfBoundsException> { details.get<Int>(1) }.message shouldBe
            "No failure detail at index 1: this failure carries 1 detail value(s)"
        shouldThrow<IllegalStateException> { details.get<Int>(0) }.message shouldBe
            "These failure details are payloads attached without a payload converter; " +
            "call get(index, type, converter) with the converter that encoded them"
        details.get(0, kotlin.reflect.typeOf<Int>(), payloads) shouldBe 1
    }

    test("a next retry delay must be finite and non-negative") {
        shouldThrow<IllegalArgumentException> {
            ApplicationFailure("x", nextRetryDelay = (-1).milliseconds)
        }.message shouldBe "ApplicationFailure.nextRetryDelay must be a finite, non-negative duration, was -1ms"
    }
})
