package dev.temporalkt.benchmarks.javasdk;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs one activity and returns its result. */
@WorkflowInterface
public interface SingleActivityWorkflow {
    @WorkflowMethod(name = "BenchSingleActivity")
    String run(String input);
}
