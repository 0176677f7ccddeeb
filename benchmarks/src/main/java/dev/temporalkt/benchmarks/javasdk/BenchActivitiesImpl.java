package dev.temporalkt.benchmarks.javasdk;

import dev.temporalkt.benchmarks.child.ActivityCounter;

/** Returns its input and counts the call, so the load generator can see progress inside the worker. */
public final class BenchActivitiesImpl implements BenchActivities {
    @Override
    public String echo(String input) {
        ActivityCounter.increment();
        return input;
    }
}
