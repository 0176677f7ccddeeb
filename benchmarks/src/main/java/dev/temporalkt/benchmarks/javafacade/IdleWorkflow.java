package dev.temporalkt.benchmarks.javafacade;

import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.workflow.Signal;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Runs one activity, then waits (cached, idle) until released by a signal. */
@WorkflowInterface(name = "BenchIdle")
public class IdleWorkflow {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(60)).build();

    private boolean released;

    @WorkflowRun
    public CompletableFuture<String> run(String input) {
        return Workflow.executeActivity(BenchActivities::echo, input, OPTIONS)
            .thenCompose(result -> Workflow.await(() -> released).thenApply(ignored -> result));
    }

    @Signal
    public void release() {
        released = true;
    }
}
