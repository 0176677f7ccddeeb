package dev.temporalkt.benchmarks.javasdk;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A child of {@code BenchFanOut}: runs one activity and returns its result. */
@WorkflowInterface
public interface FanOutChildWorkflow {
    @WorkflowMethod(name = "BenchFanOutChild")
    String run(String input);
}
