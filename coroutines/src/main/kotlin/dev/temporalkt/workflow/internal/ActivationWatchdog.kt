package dev.temporalkt.workflow.internal

import org.slf4j.LoggerFactory
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.locks.LockSupport

/**
 * Watches the deadlines of activations whose caller does not wait on a thread of its own: one daemon thread for the
 * process looks at every watched activation every [PERIOD_NANOS] and lets each decide whether it missed its deadline
 * ([Watched.check], by the rule of [DeadlockClock]).
 *
 * While activations come and go it wakes up at that period, whether or not one is watched at that moment; after
 * [IDLE_NANOS] without any it parks until the next one is watched, so an idle worker costs no wake-ups.
 */
internal object ActivationWatchdog {
    /** An activation under watch. */
    fun interface Watched {
        /** Looks at the deadline now; returns `true` when the watch is over (the deadline was missed and acted on). */
        fun check(): Boolean
    }

    private val PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(25)
    private val IDLE_NANOS = TimeUnit.SECONDS.toNanos(10)
    private val log = LoggerFactory.getLogger(ActivationWatchdog::class.java)

    private val watched: MutableSet<Watched> = ConcurrentHashMap.newKeySet()
    private val watchesStarted = AtomicLong()

    /** The watchdog thread while it is parked without a deadline to watch, else `null`. */
    @Volatile
    private var parkedIdle: Thread? = null

    private val thread: Thread by lazy {
        Thread(::watchLoop, "temporal-deadlock-watchdog").apply {
            isDaemon = true
            start()
        }
    }

    /** Watches [activation] until [unwatch] or until its [Watched.check] answers `true`. */
    fun watch(activation: Watched) {
        watched.add(activation)
        watchesStarted.incrementAndGet()
        thread
        parkedIdle?.let(LockSupport::unpark)
    }

    /** Stops watching [activation]. */
    fun unwatch(activation: Watched) {
        watched.remove(activation)
    }

    private fun watchLoop() {
        var seen = watchesStarted.get()
        var lastActive = System.nanoTime()
        while (true) {
            val started = watchesStarted.get()
            if (started != seen || watched.isNotEmpty()) {
                seen = started
                lastActive = System.nanoTime()
            } else if (System.nanoTime() - lastActive > IDLE_NANOS) {
                parkedIdle = Thread.currentThread()
                if (watchesStarted.get() == seen) LockSupport.park(this)
                parkedIdle = null
                continue
            }
            LockSupport.parkNanos(this, PERIOD_NANOS)
            for (activation in watched) {
                val over = try {
                    activation.check()
                } catch (e: Throwable) {
                    log.error("Checking the deadline of a workflow activation failed", e)
                    true
                }
                if (over) watched.remove(activation)
            }
        }
    }
}
