package dev.temporalkt.benchmarks.javasdk;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the benchmark workflows, Java SDK flavour; type names match the temporal-kt ones. */
@ActivityInterface
public interface BenchActivities {
    @ActivityMethod(name = "echo")
    String echo(String input);
}
