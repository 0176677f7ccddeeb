package dev.temporalkt.benchmarks.javafacade;

import dev.temporalkt.activity.Activity;
import dev.temporalkt.benchmarks.child.ActivityCounter;

/** Activities of the benchmark workflows, temporal-kt Java flavour; type names match the other SDKs' ones. */
public class BenchActivities {
    /** Returns {@code input}; counted so the load generator can see progress inside the worker. */
    @Activity
    public String echo(String input) {
        ActivityCounter.increment();
        return input;
    }
}
