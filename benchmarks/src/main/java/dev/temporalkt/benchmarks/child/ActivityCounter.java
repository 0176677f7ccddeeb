package dev.temporalkt.benchmarks.child;

import java.util.concurrent.atomic.AtomicLong;

/** Activity executions in this worker process, whichever SDK ran them. */
public final class ActivityCounter {
    private static final AtomicLong COUNT = new AtomicLong();

    private ActivityCounter() {}

    public static void increment() {
        COUNT.incrementAndGet();
    }

    public static long get() {
        return COUNT.get();
    }
}
