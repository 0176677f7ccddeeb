package dev.temporalkt.benchmarks.javasdk;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Until stopped by a signal, runs rounds of {@code fanout} concurrent activities plus a short timer; counts "ping"
 * signals. The same commands as the temporal-kt {@code ReplayWorkflow}, so both replay one recorded history.
 */
@WorkflowInterface
public interface ReplayWorkflow {
    @WorkflowMethod(name = "BenchReplay")
    int run(int fanout);

    @SignalMethod(name = "ping")
    void ping(String value);

    @SignalMethod(name = "stop")
    void stop();
}
