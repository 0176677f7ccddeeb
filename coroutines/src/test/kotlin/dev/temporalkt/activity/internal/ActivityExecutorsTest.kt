@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.internal.InternalTemporalApi
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.util.concurrent.Callable
import java.util.concurrent.TimeUnit

class ActivityExecutorsTest : FunSpec({
    test("virtual threads exactly when the JDK has Thread.ofVirtual, else named daemon platform threads") {
        val jdkHasVirtualThreads = Thread::class.java.methods.any { it.name == "ofVirtual" }
        ActivityExecutors.virtualThreadsAvailable shouldBe jdkHasVirtualThreads
        val executor = ActivityExecutors.newDefault("activities-test")
        try {
            val thread = executor.submit(Callable { Thread.currentThread() }).get(10, TimeUnit.SECONDS)
            if (jdkHasVirtualThreads) {
                Thread::class.java.getMethod("isVirtual").invoke(thread) shouldBe true
            } else {
                thread.name shouldStartWith "activities-test-"
                thread.isDaemon shouldBe true
            }
        } finally {
            executor.shutdown()
        }
    }
})
