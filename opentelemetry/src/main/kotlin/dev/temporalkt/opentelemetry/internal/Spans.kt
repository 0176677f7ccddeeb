package dev.temporalkt.opentelemetry.internal

import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.StatusCode

/** Marks [span] failed with [error]. */
internal fun Span.fail(error: Throwable) {
    setStatus(StatusCode.ERROR, "${error.javaClass.simpleName}: ${error.message}")
    recordException(error)
}

/** Runs [block] with [span], ending it afterwards and marking it failed when [block] throws. */
internal inline fun <T> Span.endAfter(block: () -> T): T {
    try {
        return block()
    } catch (e: Throwable) {
        fail(e)
        throw e
    } finally {
        end()
    }
}
