@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.internal.InternalTemporalApi
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.ThreadFactory
import java.util.concurrent.atomic.AtomicInteger

/**
 * The default executor for blocking activities: one virtual thread per activity when the JDK has them (21+, found by
 * reflection since the SDK targets Java 17), else a cached pool of daemon platform threads (the worker's slot limit
 * bounds how many run at once).
 */
@InternalTemporalApi
public object ActivityExecutors {
    /** Whether this JVM offers virtual threads. */
    public val virtualThreadsAvailable: Boolean by lazy { virtualThreadFactoryMethod() != null }

    /** A new default executor; the caller shuts it down. */
    public fun newDefault(name: String): ExecutorService {
        val virtual = virtualThreadFactoryMethod()
        if (virtual != null) {
            try {
                return virtual.invoke(null) as ExecutorService
            } catch (_: ReflectiveOperationException) {
                // fall through to platform threads
            }
        }
        val counter = AtomicInteger()
        val factory = ThreadFactory { task ->
            Thread(task, "$name-${counter.incrementAndGet()}").apply { isDaemon = true }
        }
        return Executors.newCachedThreadPool(factory)
    }

    private fun virtualThreadFactoryMethod(): java.lang.reflect.Method? = try {
        Thread::class.java.getMethod("ofVirtual")
        Executors::class.java.getMethod("newVirtualThreadPerTaskExecutor")
    } catch (_: NoSuchMethodException) {
        null
    }
}
