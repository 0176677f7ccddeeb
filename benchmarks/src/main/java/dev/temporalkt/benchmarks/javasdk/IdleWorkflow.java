package dev.temporalkt.benchmarks.javasdk;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs one activity, then waits (cached, idle) until released by a signal. */
@WorkflowInterface
public interface IdleWorkflow {
    @WorkflowMethod(name = "BenchIdle")
    String run(String input);

    @SignalMethod(name = "release")
    void release();
}
