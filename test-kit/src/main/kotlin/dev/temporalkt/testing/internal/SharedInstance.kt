package dev.temporalkt.testing.internal

/**
 * One lazily started instance per JVM, stopped by a JVM shutdown hook.
 *
 * A failed start is remembered and rethrown to every later caller, so a suite with many tests that
 * need an unavailable server fails fast with the same explanation instead of waiting for the start
 * timeout again in each test.
 */
internal class SharedInstance<T : Any>(
    private val name: String,
    private val start: () -> T,
    private val stop: (T) -> Unit,
) {
    private var instance: T? = null
    private var failure: Throwable? = null

    @Synchronized
    fun get(): T {
        instance?.let { return it }
        failure?.let { throw it }
        val started = try {
            start()
        } catch (e: Throwable) {
            failure = e
            throw e
        }
        Runtime.getRuntime().addShutdownHook(Thread({ stop(started) }, "temporal-kt-stop-$name"))
        instance = started
        return started
    }
}
