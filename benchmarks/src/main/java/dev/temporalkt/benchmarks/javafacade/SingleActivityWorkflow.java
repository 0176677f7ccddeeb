package dev.temporalkt.benchmarks.javafacade;

import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Runs one activity and returns its result. */
@WorkflowInterface(name = "BenchSingleActivity")
public class SingleActivityWorkflow {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(60)).build();

    @WorkflowRun
    public CompletableFuture<String> run(String input) {
        return Workflow.executeActivity(BenchActivities::echo, input, OPTIONS);
    }
}
