package dev.temporalkt.failure

import dev.temporalkt.converter.DefaultFailureConverter
import dev.temporalkt.converter.TestJsonPayloadConverter
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith

private class Recursion {
    fun down(depth: Int): Int = down(depth + 1) + 1
}

/** A JVM error without a message (a stack overflow in user code) never becomes a failure with an empty message. */
class ErrorWithoutMessageFailureTest : FunSpec({
    val converter = DefaultFailureConverter()
    val payloads = TestJsonPayloadConverter()

    test("a stack overflow's failure names the error and its top frames, and carries the top 100 frames") {
        val overflow = try {
            Recursion().down(0)
            error("no overflow")
        } catch (e: StackOverflowError) {
            e
        }
        val failure = converter.toFailure(overflow, payloads)
        val frame = "dev.temporalkt.failure.Recursion.down(ErrorWithoutMessageFailureTest.kt:10)"
        failure.message shouldBe "java.lang.StackOverflowError at $frame <- $frame <- $frame <- …"
        failure.applicationFailureInfo.type shouldBe "StackOverflowError"
        failure.stackTrace.lines().size shouldBe 100
        failure.stackTrace.lines().first() shouldBe frame
        // what a client or a workflow sees of it
        val seen = converter.toException(failure, payloads)
        seen.message shouldBe failure.message
        seen.shouldBeApplicationFailure().type shouldBe "StackOverflowError"
    }

    test("a copy made by coroutine stack-trace recovery is described by the frames of the original it wraps") {
        val original = try {
            Recursion().down(0)
            error("no overflow")
        } catch (e: StackOverflowError) {
            e
        }
        // what kotlinx.coroutines rethrows across a suspension when it recovers stack traces
        val copy = StackOverflowError()
        copy.stackTrace = arrayOf(
            StackTraceElement("_COROUTINE._BOUNDARY", "_", "CoroutineDebugging.kt", 42),
            StackTraceElement("dev.temporalkt.activity.internal.ActivityInvoker", "call", "ActivityInvoker.kt", 173),
        )
        copy.initCause(original)
        val frame = "dev.temporalkt.failure.Recursion.down(ErrorWithoutMessageFailureTest.kt:10)"
        converter.toFailure(copy, payloads).message shouldBe "java.lang.StackOverflowError at $frame <- $frame <- $frame <- …"
    }

    test("an error with a message keeps it; an exception without one stays empty") {
        converter.toFailure(OutOfMemoryError("heap full"), payloads).message shouldBe "heap full"
        converter.toFailure(IllegalStateException(), payloads).message shouldBe ""
        converter.toFailure(AssertionError(), payloads).message shouldStartWith "java.lang.AssertionError at dev.temporalkt.failure."
    }
})

private fun Throwable.shouldBeApplicationFailure(): ApplicationFailure = this as ApplicationFailure
