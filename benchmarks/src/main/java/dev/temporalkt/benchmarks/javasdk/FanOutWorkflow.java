package dev.temporalkt.benchmarks.javasdk;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Starts {@code activities} activities and {@code children} child workflows (one activity each) all at once, waits
 * for all of them and returns how many finished. The same commands as the temporal-kt {@code FanOutWorkflow}.
 */
@WorkflowInterface
public interface FanOutWorkflow {
    @WorkflowMethod(name = "BenchFanOut")
    int run(int activities, int children);
}
